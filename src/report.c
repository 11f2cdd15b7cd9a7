/* report.c - the report model's field tables and loader (see report.h). */
#include "bcreport/report.h"
#include "bcreport/i18n.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bcreport/chars.h"
#include "bcreport/cite.h"
#include "bcreport/io.h"
#include "bcreport/locate.h"
#include "bcreport/strmap.h"
#include "bcreport/vnformat.h"
#include "bcreport/yaml_load.h"

#define FIELD(T, key_, kind_, flags_, member, schema_, doc_)                  \
    {.key = key_, .kind = kind_, .flags = flags_,                            \
     .offset = offsetof(T, member), .schema = schema_, .doc = doc_}
#define TEXT(T, key_, flags_, member, doc_)                                   \
    FIELD(T, key_, BC_FIELD_TEXT, flags_, member, NULL, doc_)
/* A text of a few characters only, with the message for the others. */
#define FIELD_CHARS(T, key_, flags_, member, doc_, chars_, rule)              \
    {.key = key_, .kind = BC_FIELD_TEXT, .flags = flags_,                    \
     .offset = offsetof(T, member), .doc = doc_, .chars = chars_,            \
     .chars_rule = rule}
/* A text that must be one of choices_. */
#define FIELD_CHOICE(T, key_, flags_, member, doc_, choices_)                 \
    {.key = key_, .kind = BC_FIELD_TEXT, .flags = flags_,                    \
     .offset = offsetof(T, member), .doc = doc_, .choices = choices_}
/* An amount of money in đồng (bc_amount). */
#define FIELD_AMOUNT(T, key_, flags_, member, doc_)                           \
    {.key = key_, .kind = BC_FIELD_NUMBER, .flags = flags_,                  \
     .offset = offsetof(T, member), .doc = doc_, .unit = "đồng",             \
     .max = BC_VN_WORDS_MAX,                                                 \
     .max_rule = N_("is more than 10^15 đồng, beyond what can be written "  \
                    "in words")}
/* A count of people. */
#define FIELD_COUNT(T, key_, member, doc_)                                    \
    {.key = key_, .kind = BC_FIELD_NUMBER, .offset = offsetof(T, member),    \
     .doc = doc_, .unit = N_("people"), .max = 10000000,                     \
     .max_rule = N_("is more than ten million people")}
/* Narrative (blocks.h). */
#define FIELD_BLOCKS(T, key_, flags_, member, doc_)                           \
    {.key = key_, .kind = BC_FIELD_CUSTOM, .flags = flags_,                  \
     .offset = offsetof(T, member), .doc = doc_, .type = &bc_blocks_type}
#define DATE(T, key_, flags_, member, doc_)                                   \
    FIELD(T, key_, BC_FIELD_DATE, flags_, member, NULL, doc_)
#define REQ (BC_REQUIRED | BC_NONEMPTY)
#define OWN_TEXT                                                              \
    "Câu văn tự viết, thay cho câu bcreport soạn từ các mục trên (các mục "  \
    "vẫn dùng cho bảng và số liệu tổng hợp)."

BC_ASSERT_LIST(bc_report, citations);
BC_ASSERT_LIST(bc_report, sections);
BC_ASSERT_LIST(bc_report, appendices);
BC_ASSERT_LIST(bc_report, signatures);
BC_ASSERT_LIST(bc_part, items);
BC_ASSERT_LIST(bc_entry, delegations);
BC_ASSERT_LIST(bc_entry, visits);
BC_ASSERT_LIST(bc_entry, aid_projects);
BC_ASSERT_LIST(bc_entry, events);
BC_ASSERT_LIST(bc_entry, points);

/* ---- the document and its registry ---- */

static const bc_field issuer_fields[] = {
    TEXT(bc_issuer, "parent", 0, parent,
         "Tên cơ quan chủ quản trực tiếp (nếu có), in hoa, không đậm, ở "
         "trên tên cơ quan ban hành. UBND không có dòng này: để trống."),
    FIELD(bc_issuer, "name", BC_FIELD_LINES, REQ, name, NULL,
          "Tên cơ quan ban hành, in hoa, đúng như in ở đầu văn bản; mỗi "
          "dòng một mục, VD: [\"ỦY BAN NHÂN DÂN\", \"XÃ TỊNH KHÊ\"]."),
    TEXT(bc_issuer, "short_name", REQ, short_name,
         "Tên viết tắt dùng trong câu kết, VD: UBND xã Tịnh Khê."),
    TEXT(bc_issuer, "self_name", REQ, self_name,
         "Cách văn bản tự gọi cơ quan trong nội dung, VD: UBND xã."),
};

static const bc_schema issuer_schema = {
    BC_SCHEMA(N_("issuer"), bc_issuer, issuer_fields,
              "Cơ quan ban hành văn bản.")};

static const bc_field document_fields[] = {
    FIELD(bc_document, "issuer", BC_FIELD_OBJECT, BC_REQUIRED, issuer,
          &issuer_schema, "Cơ quan ban hành."),
    /* Decree 30: the number is Arabic digits alone; the symbol follows. */
    FIELD_CHARS(bc_document, "number", 0, number,
                "Số văn bản; để trống (\"\") cho đến khi văn thư cấp số.",
                "0123456789",
                N_("must be the number alone, in digits (such as \"05\"), "
                   "or \"\" until it is issued; the symbol goes in "
                   "\"symbol\"")),
    TEXT(bc_document, "symbol", REQ, symbol, "Ký hiệu văn bản, VD: BC-UBND."),
    TEXT(bc_document, "place", REQ, place,
         "Địa danh ghi ở dòng ngày tháng, VD: Tịnh Khê."),
    DATE(bc_document, "date", 0, date,
         "Ngày ký, dạng 15/12/2026 (ngày/tháng/năm) hoặc 2026-12-15; để trống (\"\") cho đến khi ký."),
    FIELD(bc_document, "year", BC_FIELD_INT, BC_REQUIRED | BC_YEAR, year,
          NULL, "Năm của báo cáo, VD: 2026."),
    TEXT(bc_document, "type", REQ, type, "Tên loại văn bản, in hoa: BÁO CÁO."),
    TEXT(bc_document, "subject", REQ, subject,
         "Trích yếu nội dung; có thể trích dẫn văn bản bằng [@mã]."),
    FIELD(bc_document, "recipients", BC_FIELD_TEXTS, REQ, recipients, NULL,
          "Nơi gửi (Kính gửi), mỗi nơi một mục."),
};

static const bc_schema document_schema = {
    BC_SCHEMA(N_("document"), bc_document, document_fields,
              "Thông tin chung của văn bản.")};

static const bc_field citation_fields[] = {
    FIELD_CHARS(bc_citation, "id", REQ, id,
                "Mã dùng để trích dẫn trong nội dung, VD: kh92 (viết "
                "[@kh92]).",
                BC_CITATION_ID_CHARS,
                N_("may use only the letters a-z and A-Z, digits, \"_\", "
                   "\"-\" and \".\"")),
    TEXT(bc_citation, "type", REQ, type,
         "Loại văn bản: Chỉ thị, Kế hoạch, Nghị định, Công văn..."),
    TEXT(bc_citation, "number", REQ, number, "Số và ký hiệu, VD: 92/KH-UBND."),
    DATE(bc_citation, "date", REQ, date, "Ngày ban hành, dạng 15/12/2026 (ngày/tháng/năm) hoặc 2026-12-15."),
    TEXT(bc_citation, "issuer", REQ, issuer,
         "Cơ quan ban hành, VD: UBND tỉnh Quảng Ngãi."),
    TEXT(bc_citation, "title", 0, title,
         "Trích yếu của văn bản được trích dẫn, bắt đầu bằng \"về\"."),
    TEXT(bc_citation, "short_name", BC_NONEMPTY, short_name,
         "Tên gọi tắt, VD: Kế hoạch số 92."),
    DATE(bc_citation, "effective", 0, effective,
         "Ngày có hiệu lực (nếu cần nhắc đến), dạng 15/12/2026 (ngày/tháng/năm) hoặc 2026-12-15; trích dẫn "
         "bằng [@mã effective]."),
    TEXT(bc_citation, "replaced_by", BC_NONEMPTY, replaced_by,
         "Văn bản thay thế văn bản này (mã của văn bản đó, hoặc tên của "
         "nó); `check` cảnh báo khi báo cáo lập từ ngày thay thế vẫn trích "
         "dẫn văn bản cũ."),
    DATE(bc_citation, "replaced_on", 0, replaced_on,
         "Ngày văn bản bị thay thế (ngày văn bản mới có hiệu lực)."),
};

static const bc_schema citation_schema = {
    BC_SCHEMA(N_("citation"), bc_citation, citation_fields,
              "Một văn bản được trích dẫn.")};

/* A registry file: only citations. */
static const bc_field registry_fields[] = {
    FIELD(bc_report, "citations", BC_FIELD_LIST, REQ, citations,
          &citation_schema, "Danh mục văn bản dùng chung của cơ quan."),
};

static const bc_schema registry_schema = {
    BC_SCHEMA(N_("registry"), bc_report, registry_fields,
              "Danh mục văn bản dùng chung.")};

/* ---- activities ---- */

static const bc_field delegation_fields[] = {
    TEXT(bc_delegation, "who", REQ, who,
         "Người đi, VD: đồng chí Chủ tịch UBND xã."),
    TEXT(bc_delegation, "with", 0, with,
         "Đi cùng đoàn nào, VD: Đoàn công tác của Tỉnh."),
    FIELD(bc_delegation, "countries", BC_FIELD_TEXTS, REQ, countries, NULL,
          "Các nước đến, VD: [Hàn Quốc, Nhật Bản]."),
    TEXT(bc_delegation, "purpose", REQ, purpose,
         "Mục đích, VD: xúc tiến đầu tư."),
    DATE(bc_delegation, "from", 0, from, "Ngày đi, dạng 15/12/2026 (ngày/tháng/năm) hoặc 2026-12-15."),
    DATE(bc_delegation, "to", 0, to, "Ngày về, dạng 15/12/2026 (ngày/tháng/năm) hoặc 2026-12-15."),
    FIELD_COUNT(bc_delegation, "members", members, "Số thành viên của đoàn."),
    TEXT(bc_delegation, "text", BC_NONEMPTY, text, OWN_TEXT),
};

const bc_schema bc_delegation_schema = {
    BC_SCHEMA(N_("delegation"), bc_delegation, delegation_fields,
              "Một đoàn đi công tác nước ngoài (đoàn ra).")};

static const bc_field visit_fields[] = {
    TEXT(bc_visit, "guests", REQ, guests,
         "Đoàn hoặc tổ chức nước ngoài đến, VD: Đoàn của Tổ chức Đông Tây "
         "Hội Ngộ."),
    TEXT(bc_visit, "country", REQ, country, "Nước của đoàn, VD: Hoa Kỳ."),
    DATE(bc_visit, "from", BC_REQUIRED | BC_NONEMPTY, from,
         "Ngày đến, dạng 15/12/2026 (ngày/tháng/năm) hoặc 2026-12-15."),
    DATE(bc_visit, "to", 0, to, "Ngày đi (nếu ở nhiều ngày)."),
    FIELD_COUNT(bc_visit, "members", members, "Số thành viên của đoàn."),
    TEXT(bc_visit, "purpose", REQ, purpose,
         "Mục đích, VD: khảo sát, hỗ trợ xây dựng nhà văn hóa thôn."),
    TEXT(bc_visit, "host", 0, host,
         "Cơ quan đón tiếp; mặc định là cơ quan ban hành."),
    TEXT(bc_visit, "outcome", 0, outcome,
         "Kết quả, VD: hai bên thống nhất kế hoạch hỗ trợ năm 2027."),
    TEXT(bc_visit, "text", BC_NONEMPTY, text, OWN_TEXT),
};

const bc_schema bc_visit_schema = {
    BC_SCHEMA(N_("visit"), bc_visit, visit_fields,
              "Một đoàn nước ngoài đến làm việc (đoàn vào).")};

const char *const bc_aid_status_words[] = {
    "chưa triển khai", "đang triển khai thực hiện", "tạm dừng",
    "đã hoàn thành", "đã hoàn thành, bàn giao đưa vào sử dụng", NULL};

static const bc_field aid_fields[] = {
    TEXT(bc_aid_project, "partner", 0, partner,
         "Bên thực hiện tại địa phương; mặc định là cơ quan ban hành."),
    TEXT(bc_aid_project, "donor", REQ, donor,
         "Nhà tài trợ, VD: Quỹ Hòa bình Hàn – Việt."),
    TEXT(bc_aid_project, "project", REQ, project, "Tên dự án."),
    TEXT(bc_aid_project, "place", REQ, place,
         "Địa điểm, VD: thôn Trường Thọ, xã Tịnh Khê."),
    FIELD_AMOUNT(bc_aid_project, "amount", BC_REQUIRED, amount,
                 "Tổng kinh phí, số đồng (số nguyên, không âm)."),
    TEXT(bc_aid_project, "legal_basis", REQ, legal_basis,
         "Căn cứ pháp lý, VD: [@nd313, Điều 8]."),
    FIELD_CHOICE(bc_aid_project, "status", REQ, status,
                 "Tình trạng: chưa triển khai, đang triển khai thực hiện, "
                 "tạm dừng, đã hoàn thành, hoặc đã hoàn thành, bàn giao đưa "
                 "vào sử dụng.",
                 bc_aid_status_words),
    FIELD_AMOUNT(bc_aid_project, "disbursed", 0, disbursed,
                 "Số đồng đã giải ngân (nếu có)."),
    TEXT(bc_aid_project, "text", BC_NONEMPTY, text, OWN_TEXT),
};

const bc_schema bc_aid_schema = {
    BC_SCHEMA(N_("aid project"), bc_aid_project, aid_fields,
              "Một dự án viện trợ nước ngoài.")};

static const bc_field event_fields[] = {
    TEXT(bc_event, "title", REQ, title,
         "Tên hoạt động, VD: Chương trình giao lưu hữu nghị Việt Nam – Hàn "
         "Quốc."),
    DATE(bc_event, "date", BC_REQUIRED | BC_NONEMPTY, date,
         "Ngày tổ chức, dạng 15/12/2026 (ngày/tháng/năm) hoặc 2026-12-15."),
    TEXT(bc_event, "place", REQ, place, "Nơi tổ chức."),
    TEXT(bc_event, "host", 0, host,
         "Cơ quan tổ chức; mặc định là cơ quan ban hành."),
    FIELD_COUNT(bc_event, "participants", participants,
                "Số người tham dự."),
    TEXT(bc_event, "foreign", 0, foreign,
         "Phía nước ngoài tham dự, VD: đại diện Quỹ Hòa bình Hàn – Việt."),
    TEXT(bc_event, "text", BC_NONEMPTY, text, OWN_TEXT),
};

const bc_schema bc_event_schema = {
    BC_SCHEMA(N_("event"), bc_event, event_fields,
              "Một hội nghị, chương trình giao lưu, lễ kỷ niệm...")};

/* ---- items and points ---- */

#define ENTRY_FIELDS(title_flags)                                             \
    TEXT(bc_entry, "title", title_flags, title, "Tiêu đề."),                 \
        FIELD_BLOCKS(bc_entry, "body", 0, body,                              \
                     "Nội dung: đoạn văn, danh sách gạch đầu dòng, ghi "     \
                     "chú, bảng."),                                          \
        FIELD(bc_entry, "delegations", BC_FIELD_LIST, 0, delegations,        \
              &bc_delegation_schema, "Các đoàn đi công tác nước ngoài."),       \
        FIELD(bc_entry, "visits", BC_FIELD_LIST, 0, visits, &bc_visit_schema,   \
              "Các đoàn nước ngoài đến làm việc."),                          \
        FIELD(bc_entry, "aid_projects", BC_FIELD_LIST, 0, aid_projects,      \
              &bc_aid_schema, "Các dự án viện trợ."),                           \
        FIELD(bc_entry, "events", BC_FIELD_LIST, 0, events, &bc_event_schema,   \
              "Các hội nghị, chương trình, sự kiện.")

static const bc_field point_fields[] = {ENTRY_FIELDS(REQ)};

static const bc_schema point_schema = {
    BC_SCHEMA(N_("point"), bc_entry, point_fields,
              "Một điểm (a, b, c...).")};

static const bc_field item_fields[] = {
    ENTRY_FIELDS(REQ),
    FIELD(bc_entry, "items", BC_FIELD_LIST, 0, points, &point_schema,
          "Các điểm a), b), c)..."),
};

const bc_schema bc_item_schema = {
    BC_SCHEMA(N_("item"), bc_entry, item_fields,
              "Một mục (1, 2, 3...).")};

/* The named items of results and assessment: titled by default. */
static const bc_field named_item_fields[] = {
    ENTRY_FIELDS(BC_NONEMPTY),
    FIELD(bc_entry, "items", BC_FIELD_LIST, 0, points, &point_schema,
          "Các điểm a), b), c)..."),
};

static const bc_schema named_item_schema = {
    BC_SCHEMA(N_("item"), bc_entry, named_item_fields,
              "Một mục (1, 2, 3...).")};

/* ---- parts ---- */

#define PART_FIELDS(what)                                                     \
    TEXT(bc_part, "title", BC_NONEMPTY, title,                               \
         "Tiêu đề, in hoa; để trống để dùng tiêu đề mặc định: " what "."),   \
        FIELD_BLOCKS(bc_part, "body", 0, body,                               \
                     "Nội dung trước các mục đánh số."),                     \
        FIELD(bc_part, "items", BC_FIELD_LIST, 0, items, &bc_item_schema,       \
              "Các mục đánh số 1, 2, 3...")

static const bc_field results_fields[] = {
    PART_FIELDS("KẾT QUẢ THỰC HIỆN"),
    FIELD(bc_part, "dissemination", BC_FIELD_OBJECT, 0, dissemination,
          &named_item_schema, "Công tác tuyên truyền, quán triệt."),
    FIELD(bc_part, "tasks", BC_FIELD_OBJECT, 0, tasks, &named_item_schema,
          "Kết quả thực hiện các nhiệm vụ (các điểm a, b, c...)."),
};

static const bc_schema results_schema = {
    BC_SCHEMA(N_("results"), bc_part, results_fields,
              "Kết quả thực hiện.")};

static const bc_field assessment_fields[] = {
    PART_FIELDS("ĐÁNH GIÁ CHUNG"),
    FIELD(bc_part, "strengths", BC_FIELD_OBJECT, 0, strengths,
          &named_item_schema, "Ưu điểm."),
    FIELD(bc_part, "limitations", BC_FIELD_OBJECT, 0, limitations,
          &named_item_schema, "Khó khăn, hạn chế."),
    TEXT(bc_part, "causes", BC_NONEMPTY, causes,
         "Nguyên nhân của hạn chế (in sau phần hạn chế)."),
};

static const bc_schema assessment_schema = {
    BC_SCHEMA(N_("assessment"), bc_part, assessment_fields,
              "Đánh giá chung.")};

static const bc_field plans_fields[] = {
    PART_FIELDS("PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM <năm sau>"),
};

static const bc_schema plans_schema = {
    BC_SCHEMA(N_("plans"), bc_part, plans_fields,
              "Phương hướng, nhiệm vụ năm sau.")};

static const bc_field proposals_fields[] = {
    PART_FIELDS("ĐỀ XUẤT, KIẾN NGHỊ"),
    TEXT(bc_part, "to", BC_NONEMPTY, to,
         "Cơ quan được đề nghị, VD: Sở Ngoại vụ (in \"Kính đề nghị Sở "
         "Ngoại vụ:\")."),
};

static const bc_schema proposals_schema = {
    BC_SCHEMA(N_("proposals"), bc_part, proposals_fields,
              "Đề xuất, kiến nghị.")};

static const bc_field section_fields[] = {
    TEXT(bc_part, "title", REQ, title, "Tiêu đề, in hoa."),
    FIELD_BLOCKS(bc_part, "body", 0, body, "Nội dung trước các mục."),
    FIELD(bc_part, "items", BC_FIELD_LIST, 0, items, &bc_item_schema,
          "Các mục đánh số 1, 2, 3..."),
};

static const bc_schema section_schema = {
    BC_SCHEMA(N_("section"), bc_part, section_fields,
              "Một phần tự đặt tiêu đề, đánh số La Mã như các phần khác, "
              "tại chỗ khóa sections đứng trong tệp.")};

/* ---- appendices, signatures, the whole ---- */

static const bc_field appendix_fields[] = {
    FIELD_CHARS(bc_appendix, "id", REQ, id,
                "Mã để nhắc đến phụ lục trong nội dung, VD: pl-vientro (viết "
                "[@pl-vientro], in \"Phụ lục I\").",
                BC_CITATION_ID_CHARS,
                N_("may use only the letters a-z and A-Z, digits, \"_\", "
                   "\"-\" and \".\"")),
    TEXT(bc_appendix, "title", REQ, title, "Tên phụ lục, in hoa."),
    FIELD_BLOCKS(bc_appendix, "body", REQ, body,
                 "Nội dung: bảng, đoạn văn, danh sách."),
};

static const bc_schema appendix_schema = {
    BC_SCHEMA(N_("appendix"), bc_appendix, appendix_fields,
              "Một phụ lục, in sau chữ ký, bắt đầu ở trang mới.")};

static const bc_field signature_fields[] = {
    FIELD(bc_signature, "lines", BC_FIELD_TEXTS, 0, lines, NULL,
          "Các dòng thẩm quyền, VD: [\"TM. ỦY BAN NHÂN DÂN\", "
          "\"KT. CHỦ TỊCH\"]."),
    TEXT(bc_signature, "title", REQ, title,
         "Chức vụ người ký, in hoa, VD: PHÓ CHỦ TỊCH."),
    TEXT(bc_signature, "name", REQ, name, "Họ và tên người ký."),
};

static const bc_schema signature_schema = {
    BC_SCHEMA(N_("signature"), bc_signature, signature_fields,
              "Khối chữ ký.")};

/* The fields of a report that a frame has too (below). */
#define DOCUMENT_FIELDS                                                       \
    FIELD(bc_report, "document", BC_FIELD_OBJECT, BC_REQUIRED, document,     \
          &document_schema, "Thông tin chung của văn bản."),                 \
        TEXT(bc_report, "registry", BC_NONEMPTY, registry,                   \
             "Tệp danh mục văn bản dùng chung của cơ quan (đường dẫn tính "  \
             "từ thư mục của tệp này), chứa khóa citations như tệp này."),   \
        FIELD(bc_report, "citations", BC_FIELD_LIST, 0, citations,           \
              &citation_schema,                                              \
              "Các văn bản được trích dẫn; khai báo một lần, dùng [@mã] ở "  \
              "mọi chỗ.")
#define END_FIELDS                                                            \
    TEXT(bc_report, "closing", BC_NONEMPTY, closing,                         \
         "Câu kết; mặc định: \"<tên viết tắt> kính báo cáo\"."),             \
        FIELD(bc_report, "distribution", BC_FIELD_TEXTS, REQ, distribution,  \
              NULL,                                                          \
              "Nơi nhận, mỗi nơi một mục; mục cuối là \"Lưu: VT, <đơn vị "   \
              "soạn thảo>\"."),                                              \
        FIELD(bc_report, "signature", BC_FIELD_OBJECT, 0, signature,         \
              &signature_schema, "Khối chữ ký (một người ký)."),             \
        FIELD(bc_report, "signatures", BC_FIELD_LIST, BC_NONEMPTY,           \
              signatures, &signature_schema,                                 \
              "Các khối chữ ký của báo cáo liên tịch; cơ quan chủ trì đứng " \
              "đầu danh sách và in bên phải.")

static const bc_field report_fields[] = {
    DOCUMENT_FIELDS,
    FIELD_BLOCKS(bc_report, "preamble", REQ, preamble,
                 "Phần mở đầu (căn cứ, mục đích báo cáo)."),
    FIELD(bc_report, "results", BC_FIELD_OBJECT, 0, results,
          &results_schema, "Phần kết quả thực hiện."),
    FIELD(bc_report, "assessment", BC_FIELD_OBJECT, 0, assessment,
          &assessment_schema, "Phần đánh giá chung."),
    FIELD(bc_report, "plans", BC_FIELD_OBJECT, 0, plans, &plans_schema,
          "Phần phương hướng, nhiệm vụ năm sau."),
    FIELD(bc_report, "proposals", BC_FIELD_OBJECT, 0, proposals,
          &proposals_schema, "Phần đề xuất, kiến nghị."),
    FIELD(bc_report, "sections", BC_FIELD_LIST, 0, sections, &section_schema,
          "Các phần tự đặt, in tại vị trí của khóa này giữa các phần "
          "khác."),
    FIELD(bc_report, "appendices", BC_FIELD_LIST, 0, appendices,
          &appendix_schema, "Các phụ lục."),
    END_FIELDS,
};

static const char *const one_signature[] = {"signature", "signatures",
                                            NULL};

const bc_schema bc_report_schema = {
    BC_SCHEMA(N_("report"), bc_report, report_fields,
              "Dữ liệu của một báo cáo (BÁO CÁO) theo Nghị định 30/2020/NĐ-CP."),
    .one_of = one_signature};

/* A report's frame without its body, for a document made of other
 * things (the summary of many reports): the same keys as a report's. */
static const bc_field frame_fields[] = {DOCUMENT_FIELDS, END_FIELDS};

static const bc_schema frame_schema = {
    BC_SCHEMA(N_("header"), bc_report, frame_fields,
              "Phần đầu và phần cuối của một văn bản: thông tin chung, nơi "
              "nhận, chữ ký."),
    .one_of = one_signature};

/* ---- checks across fields ---- */

/* Ids name documents and appendices in text: each must be unique. */
static void check_ids(const bc_report *r, bc_diags *diags)
{
    bc_strmap seen = BC_STRMAP_INIT;
    size_t n = r->citations.count + r->appendices.count;
    for (size_t i = 0; i < n; i++) {
        const bc_text *id = i < r->citations.count
                                ? &r->citations.items[i].id
                                : &r->appendices.items[i - r->citations.count]
                                       .id;
        if (!id->s)
            continue;
        const bc_text *first = bc_strmap_get(&seen, id->s, id->len);
        if (!first) {
            bc_strmap_put(&seen, id->s, id->len, (void *)id);
            continue;
        }
        bc_pos at = bc_text_pos(first, r->file);
        bc_diag_error(diags, bc_text_pos(id, r->file),
                      _("id \"%s\" is used twice (first at %s%s%d:%d)"), id->s,
                      first->src == id->src ? "" : at.file,
                      first->src == id->src ? "" : ":", at.line, at.col);
    }
    bc_strmap_fini(&seen);
}

void bc_appendix_label(const bc_report *r, size_t index, bc_buf *out)
{
    bc_buf_puts(out, "Phụ lục");
    if (r->appendices.count > 1) { /* numbered only when several */
        bc_buf_putc(out, ' ');
        bc_vn_roman(out, (int)index + 1);
    }
}

void bc_report_each_entry(const bc_report *r, bc_entry_fn fn, void *ctx)
{
    for (size_t p = 0; p < r->outline.count; p++) {
        const bc_part *part = r->outline.items[p];
        for (size_t i = 0; i < part->numbered.count; i++) {
            const bc_entry *e = part->numbered.items[i];
            fn(e, ctx);
            for (size_t k = 0; k < e->points.count; k++)
                fn(&e->points.items[k], ctx);
        }
    }
}

/* What the checks of entries need. */
typedef struct checking {
    const bc_report *r;
    bc_diags *diags;
} checking;

/* Money cannot be disbursed beyond what the project has; the status
 * is read into its state. */
static void check_aid(const bc_entry *e, void *ctx)
{
    const bc_report *r = ((checking *)ctx)->r;
    bc_diags *diags = ((checking *)ctx)->diags;
    for (size_t i = 0; i < e->aid_projects.count; i++) {
        /* The state is the status, read: part of loading. */
        bc_aid_project *p = (bc_aid_project *)&e->aid_projects.items[i];
        for (int k = 0; p->status.s && bc_aid_status_words[k]; k++)
            if (!strcmp(p->status.s, bc_aid_status_words[k]))
                p->state = (bc_aid_status)k;
        if (!p->disbursed.set || !p->amount.set ||
            p->disbursed.value <= p->amount.value)
            continue;
        bc_pos pos = {r->file, p->disbursed.line, p->disbursed.col};
        bc_buf paid = BC_BUF_INIT, total = BC_BUF_INIT;
        bc_vn_money(&paid, p->disbursed.value);
        bc_vn_money(&total, p->amount.value);
        bc_diag_error(diags, pos,
                      _("\"disbursed\" (%s) is more than \"amount\" (%s, at "
                      "%d:%d)"),
                      paid.ptr, total.ptr, p->amount.line, p->amount.col);
        bc_buf_fini(&paid);
        bc_buf_fini(&total);
    }
}

/* A visit's or a trip's last day is not before its first. */
static void check_dates(const bc_entry *e, void *ctx)
{
    const bc_report *r = ((checking *)ctx)->r;
    bc_diags *diags = ((checking *)ctx)->diags;
    for (size_t i = 0; i < e->visits.count + e->delegations.count; i++) {
        const bc_date_field *from, *to;
        if (i < e->visits.count) {
            from = &e->visits.items[i].from;
            to = &e->visits.items[i].to;
        } else {
            from = &e->delegations.items[i - e->visits.count].from;
            to = &e->delegations.items[i - e->visits.count].to;
        }
        if (from->set && to->set && bc_date_before(to->value, from->value)) {
            bc_pos pos = {r->file, to->line, to->col};
            bc_diag_error(diags, pos,
                          _("\"to\" is before \"from\" (%d:%d): the last day "
                          "comes after the first"),
                          from->line, from->col);
        }
    }
}

/* One signer (signature) or several (signatures; the schema checks that
 * there is exactly one of the two): the view sees a list. */
static void settle_signers(bc_report *r, const bc_value *root,
                           bc_arena *arena)
{
    const bc_value *one = bc_value_map_get(root, "signature");
    if (!one || one->kind != BC_VALUE_MAP || r->signatures.count)
        return;
    r->signatures.items = bc_arena_alloc(arena, sizeof(bc_signature));
    r->signatures.items[0] = r->signature;
    r->signatures.count = 1;
    /* moved, not copied: a visit of the texts sees each once */
    memset(&r->signature, 0, sizeof r->signature);
}

/* ---- the outline ---- */

static const struct {
    const char *key;
    bc_part_kind kind;
    size_t offset;
} known_parts[] = {
    {"results", BC_PART_RESULTS, offsetof(bc_report, results)},
    {"assessment", BC_PART_ASSESSMENT, offsetof(bc_report, assessment)},
    {"plans", BC_PART_PLANS, offsetof(bc_report, plans)},
    {"proposals", BC_PART_PROPOSALS, offsetof(bc_report, proposals)},
};

static void add_part(bc_report *r, bc_arena *arena, const bc_part *part)
{
    const bc_part **items = bc_arena_alloc(
        arena, (r->outline.count + 1) * sizeof *items);
    if (r->outline.count) /* the list is NULL before its first part */
        memcpy(items, r->outline.items, r->outline.count * sizeof *items);
    items[r->outline.count++] = part;
    r->outline.items = items;
}

/* The numbered items of a part, in the order of its keys. */
static void number_items(bc_part *part, const bc_value *map, bc_arena *arena)
{
    static const struct {
        const char *key;
        size_t offset;
    } named[] = {
        {"dissemination", offsetof(bc_part, dissemination)},
        {"tasks", offsetof(bc_part, tasks)},
        {"strengths", offsetof(bc_part, strengths)},
        {"limitations", offsetof(bc_part, limitations)},
    };
    size_t cap = part->items.count + BC_COUNT(named);
    part->numbered.items = bc_arena_calloc(arena, cap, sizeof(bc_entry *));
    for (size_t m = 0; m < map->as.map.count; m++) {
        const bc_member *member = &map->as.map.members[m];
        const char *key = member->key->as.string.ptr;
        if (member->value->kind == BC_VALUE_NULL)
            continue;
        if (!strcmp(key, "items"))
            for (size_t i = 0; i < part->items.count; i++)
                part->numbered.items[part->numbered.count++] =
                    &part->items.items[i];
        for (size_t k = 0; k < BC_COUNT(named); k++)
            if (!strcmp(key, named[k].key))
                part->numbered.items[part->numbered.count++] =
                    (const bc_entry *)((const char *)part + named[k].offset);
    }
}

/* The parts present, in the order of the data file: results, assessment,
 * plans and proposals where their keys stand, the sections where
 * "sections" stands. */
static void build_outline(bc_report *r, const bc_value *root,
                          bc_arena *arena)
{
    for (size_t m = 0; m < root->as.map.count; m++) {
        const bc_member *member = &root->as.map.members[m];
        const char *key = member->key->as.string.ptr;
        if (member->value->kind != BC_VALUE_MAP &&
            member->value->kind != BC_VALUE_SEQ)
            continue;
        for (size_t k = 0; k < BC_COUNT(known_parts); k++) {
            if (strcmp(key, known_parts[k].key) != 0 ||
                member->value->kind != BC_VALUE_MAP)
                continue;
            bc_part *part = (bc_part *)((char *)r + known_parts[k].offset);
            part->kind = known_parts[k].kind;
            number_items(part, member->value, arena);
            add_part(r, arena, part);
        }
        if (strcmp(key, "sections") != 0 || member->value->kind != BC_VALUE_SEQ)
            continue;
        for (size_t i = 0; i < r->sections.count; i++) {
            bc_part *part = &r->sections.items[i];
            part->kind = BC_PART_SECTION;
            if (i < member->value->as.seq.count &&
                member->value->as.seq.items[i]->kind == BC_VALUE_MAP)
                number_items(part, member->value->as.seq.items[i], arena);
            add_part(r, arena, part);
        }
    }
}

/* ---- the registry ---- */

/* The folder of file, with its "/" ("" for a bare name). */
static size_t folder_len(const char *file)
{
    const char *slash = strrchr(file, '/');
    return slash ? (size_t)(slash - file) + 1 : 0;
}

/* Reads the registry named by the data file and puts its citations before
 * the file's own. */
static void read_registry(bc_report *r, bc_arena *arena, bc_diags *diags)
{
    const bc_text *name = &r->registry;
    bc_buf path = BC_BUF_INIT;
    if (name->s[0] != '/' && strcmp(r->file, "<stdin>") != 0)
        bc_buf_append(&path, r->file, folder_len(r->file));
    /* A file called "-", never standard input (io.h), which the data
     * file, or a terminal waiting for it, has already taken. */
    if (path.len == 0 && name->len == 1 && name->s[0] == '-')
        bc_buf_append(&path, "./", 2);
    bc_buf_append(&path, name->s, name->len);
    size_t len;
    char *text = bc_read_file(path.ptr, BC_YAML_MAX_FILE_SIZE, &len, diags);
    if (!text) {
        bc_diag_add(diags, BC_NOTE, BC_OK, bc_text_pos(name, r->file),
                    _("the registry named here"));
        bc_buf_fini(&path);
        r->citations_incomplete = true;
        return;
    }
    bc_yaml_source src;
    const char *file = bc_arena_strdup(arena, path.ptr);
    bc_value *root = bc_yaml_load_source(arena, file, text, len, NULL, diags,
                                         &src);
    free(text);
    bc_buf_fini(&path);
    if (!root) {
        r->citations_incomplete = true;
        return;
    }
    bc_source *source = bc_arena_calloc(arena, 1, sizeof *source);
    source->file = file;
    source->locator = bc_locator_new(arena, file, src.text, src.len);
    bc_report reg;
    memset(&reg, 0, sizeof reg);
    bc_schema_read(&registry_schema, root, &reg, source, arena, diags);
    size_t n = reg.citations.count + r->citations.count;
    bc_citation *all = bc_arena_calloc(arena, n, sizeof *all);
    if (reg.citations.count) /* an empty list's items are NULL */
        memcpy(all, reg.citations.items, reg.citations.count * sizeof *all);
    if (r->citations.count)
        memcpy(all + reg.citations.count, r->citations.items,
               r->citations.count * sizeof *all);
    r->citations.items = all;
    r->citations.count = n;
}

/* The report read from text, even when some of its fields have errors
 * (they are left unset); NULL when there is no report at all. */
static bc_report *read_report(const char *file, const bc_value *root,
                              const bc_yaml_source *source,
                              const bc_schema *schema, bc_arena *arena,
                              bc_diags *diags)
{
    bc_report *r = bc_arena_calloc(arena, 1, sizeof *r);
    r->file = bc_arena_strdup(arena, file);
    r->source = source->text; /* what positions refer to */
    r->source_len = source->len;
    r->locator = bc_locator_new(arena, r->file, r->source, r->source_len);
    bc_source *src = bc_arena_calloc(arena, 1, sizeof *src);
    src->file = r->file;
    src->locator = r->locator;
    /* A mistake in one field does not hide those of the others. */
    bc_schema_read(schema, root, r, src, arena, diags);
    if (root->kind != BC_VALUE_MAP)
        return NULL;
    const bc_value *declared = bc_value_map_get(root, "citations");
    if (declared && declared->kind != BC_VALUE_SEQ)
        r->citations_incomplete = true;
    if (r->registry.s)
        read_registry(r, arena, diags);
    settle_signers(r, root, arena);
    build_outline(r, root, arena);
    check_ids(r, diags);
    checking ck = {r, diags};
    bc_report_each_entry(r, check_aid, &ck);
    bc_report_each_entry(r, check_dates, &ck);
    return r;
}

/* ---- the file's text, held apart ----
 *
 * A build reads a file of up to 16 MB and needs its text only while the
 * value tree is made, and after that only to place an error inside a
 * text (locate.h), which is rare.  So the text is malloc'd apart from the
 * arena and freed as soon as the tree is read; bc_report_locate reads the
 * file again when it must, and uses it only if the file is still the one
 * read (device, inode, size and modification time, and the same length):
 * otherwise the error stands at its text's start, as for standard input,
 * whose text is kept. */
struct bc_file_text {
    char *data; /* malloc'd, NUL-terminated; NULL while dropped */
    size_t len;
    const char *path;
    size_t offset; /* of the source (yaml_load.h) in data: a BOM skipped */
    bool reload;   /* dropped, and may be read again */
    bool stat_ok;
    struct stat st;
};

static void free_file_text(void *ctx)
{
    struct bc_file_text *held = ctx;
    free(held->data);
    held->data = NULL;
}

static bool same_file(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
           a->st_size == b->st_size &&
           a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
           a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* Frees the text once the tree holds its own copies of the values.  True
 * when the source positions refer to went with it, to be read again from
 * the file; a normalised source lives in the arena, and standard input's
 * text is kept, as nothing could read it again. */
static bool drop_file_text(struct bc_file_text *held,
                           const bc_yaml_source *source)
{
    const char *s = source->text;
    bool inside = s && s >= held->data && s <= held->data + held->len;
    held->offset = inside ? (size_t)(s - held->data) : 0;
    if (inside && !held->stat_ok)
        return false;
    held->reload = inside;
    free(held->data);
    held->data = NULL;
    return inside;
}

/* The source of r, read again if it was dropped; NULL when it cannot be. */
static const char *held_source(const bc_report *r)
{
    struct bc_file_text *held = r->held;
    if (held->data)
        return held->data + held->offset;
    if (!held->reload)
        return NULL;
    held->reload = false; /* one try */
    struct stat st;
    bc_buf buf = BC_BUF_INIT;
    int error_number;
    if (stat(held->path, &st) == 0 && same_file(&st, &held->st) &&
        bc_read_into(held->path, held->len, &buf, &error_number) ==
            BC_READ_OK &&
        buf.len == held->len) {
        held->data = bc_buf_detach(&buf, NULL);
        bc_locator_set_source(r->locator, held->data + held->offset);
        return held->data + held->offset;
    }
    bc_buf_fini(&buf);
    return NULL;
}

/* The report read from text, as read_report; text_kept when text lives
 * in arena already, or in held (freed once the tree is read).  The value
 * tree is only a step: it lives in an arena of its own, freed once the
 * report's structs are read from it, and only its texts stay (a report of
 * 13 MB has half a million nodes). */
static bc_report *parse_all(const char *file, const char *text, size_t len,
                            const bc_schema *schema, bool text_kept,
                            struct bc_file_text *held, bc_arena *arena,
                            bc_diags *diags)
{
    bc_arena *tree = bc_arena_new();
    bc_yaml_options opts = bc_yaml_default_options();
    opts.texts = arena;
    opts.data_kept = text_kept;
    bc_yaml_source source;
    bc_value *root = bc_yaml_load_source(tree, file, text, len, &opts, diags,
                                         &source);
    bool dropped = held && drop_file_text(held, &source);
    bc_report *r = root ? read_report(file, root, &source, schema, arena, diags)
                        : NULL;
    if (r) {
        r->held = held;
        if (dropped)
            r->source = NULL; /* until held_source reads it again */
    }
    bc_arena_free(tree);
    return r;
}

bc_report *bc_report_parse(const char *file, const char *text, size_t len,
                           bc_arena *arena, bc_diags *diags)
{
    size_t errors = diags->errors;
    bc_report *r = parse_all(file, text, len, &bc_report_schema, false, NULL,
                             arena, diags);
    return diags->errors == errors ? r : NULL;
}

bc_report *bc_report_parse_frame(const char *file, const char *text,
                                 size_t len, bc_arena *arena,
                                 bc_diags *diags)
{
    size_t errors = diags->errors;
    bc_report *r = parse_all(file, text, len, &frame_schema, false, NULL,
                             arena, diags);
    return diags->errors == errors ? r : NULL;
}

bc_report *bc_report_load_all(const char *path, bc_arena *arena,
                              bc_diags *diags)
{
    struct bc_file_text *held = bc_arena_calloc(arena, 1, sizeof *held);
    /* The file's identity is taken before and after it is read: a file
     * saved again meanwhile is not one that may be read a second time. */
    struct stat before;
    bool named = strcmp(path, "-") != 0;
    bool before_ok = named && stat(path, &before) == 0;
    held->data = bc_read_file(path, BC_YAML_MAX_FILE_SIZE, &held->len, diags);
    if (!held->data)
        return NULL;
    bc_arena_defer(arena, free_file_text, held);
    held->path = bc_arena_strdup(arena, path);
    held->stat_ok = before_ok && stat(path, &held->st) == 0 &&
                    S_ISREG(held->st.st_mode) && same_file(&before, &held->st);
    return parse_all(bc_display_name(path), held->data, held->len,
                     &bc_report_schema, true, held, arena, diags);
}

bc_report *bc_report_load(const char *path, bc_arena *arena,
                          bc_diags *diags)
{
    size_t errors = diags->errors;
    bc_report *r = bc_report_load_all(path, arena, diags);
    return diags->errors == errors ? r : NULL;
}

void bc_report_visit_texts(const bc_report *r, bc_text_visitor fn, void *ctx)
{
    bc_schema_visit_texts(&bc_report_schema, r, fn, ctx);
}

/* ---- positions inside texts ---- */

bc_pos bc_report_locate(const bc_report *r, const bc_text *t, size_t offset,
                        size_t len)
{
    bc_pos pos = bc_text_pos(t, r->file);
    if (!t->src || !t->src->locator || offset + len > t->len || len == 0)
        return pos;
    if (t->src->locator == r->locator && !r->source &&
        !(r->held && held_source(r)))
        return pos;
    return bc_locator_find(t->src->locator, t->s, t->len, t->line, t->col,
                           offset);
}
