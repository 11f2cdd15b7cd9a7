/* report.c - the report model's schema and loader (see report.h). */
#include "bcreport/report.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "bcreport/cite.h"
#include "bcreport/io.h"
#include "bcreport/locate.h"
#include "bcreport/strmap.h"
#include "bcreport/vnformat.h"
#include "bcreport/yaml_load.h"
#include "bcreport/chars.h"

#define FIELD(T, key_, kind_, flags_, member, schema_, doc_)              \
    {.key = key_, .kind = kind_, .flags = flags_,                            \
     .offset = offsetof(T, member), .schema = schema_, .doc = doc_}
/* A text of a few characters only, with the message for the others. */
#define FIELD_CHARS(T, key_, flags_, member, doc_, chars_, rule)           \
    {.key = key_, .kind = BC_FIELD_TEXT, .flags = flags_,                    \
     .offset = offsetof(T, member), .doc = doc_, .chars = chars_,         \
     .chars_rule = rule}
/* An amount of money in đồng (bc_amount). */
#define FIELD_AMOUNT(T, key_, flags_, member, doc_)                        \
    {.key = key_, .kind = BC_FIELD_NUMBER, .flags = flags_,                  \
     .offset = offsetof(T, member), .doc = doc_, .unit = "đồng",          \
     .max = BC_VN_WORDS_MAX,                                                 \
     .max_rule = "is more than 10^15 đồng, beyond what can be written in "   \
                 "words"}
/* Narrative (blocks.h). */
#define FIELD_BLOCKS(T, key_, flags_, member, doc_)                        \
    {.key = key_, .kind = BC_FIELD_CUSTOM, .flags = flags_,                  \
     .offset = offsetof(T, member), .doc = doc_, .type = &bc_blocks_type}

BC_ASSERT_LIST(bc_report, citations);
BC_ASSERT_LIST(bc_task, delegations);
BC_ASSERT_LIST(bc_task, aid_projects);
BC_ASSERT_LIST(bc_tasks, items);
#define REQ (BC_REQUIRED | BC_NONEMPTY)

static const bc_field issuer_fields[] = {
    FIELD(bc_issuer, "parent", BC_FIELD_TEXT, 0, parent, NULL,
          "Tên cơ quan chủ quản trực tiếp (nếu có), in hoa, không đậm, ở "
          "trên tên cơ quan ban hành. UBND không có dòng này: để trống."),
    FIELD(bc_issuer, "name", BC_FIELD_LINES, REQ, name, NULL,
          "Tên cơ quan ban hành, in hoa, đúng như in ở đầu văn bản; mỗi "
          "dòng một mục, VD: [\"ỦY BAN NHÂN DÂN\", \"HUYỆN BÌNH SƠN\"]."),
    FIELD(bc_issuer, "short_name", BC_FIELD_TEXT, REQ, short_name, NULL,
          "Tên viết tắt dùng trong câu kết, VD: UBND huyện Bình Sơn."),
    FIELD(bc_issuer, "self_name", BC_FIELD_TEXT, REQ, self_name, NULL,
          "Cách văn bản tự gọi cơ quan trong nội dung, VD: UBND huyện."),
};

static const bc_schema issuer_schema = {
    "issuer", sizeof(bc_issuer), issuer_fields, BC_COUNT(issuer_fields),
    "Cơ quan ban hành văn bản."};

static const bc_field document_fields[] = {
    FIELD(bc_document, "issuer", BC_FIELD_OBJECT, BC_REQUIRED, issuer,
          &issuer_schema, "Cơ quan ban hành."),
    /* Decree 30: the number is Arabic digits alone; the symbol follows. */
    FIELD_CHARS(bc_document, "number", 0, number,
                "Số văn bản; để trống (\"\") cho đến khi văn thư cấp số.",
                "0123456789",
                "must be the number alone, in digits (such as \"05\"), or "
                "\"\" until it is issued; the symbol goes in \"symbol\""),
    FIELD(bc_document, "symbol", BC_FIELD_TEXT, REQ, symbol, NULL,
          "Ký hiệu văn bản, VD: BC-UBND."),
    FIELD(bc_document, "place", BC_FIELD_TEXT, REQ, place, NULL,
          "Địa danh ghi ở dòng ngày tháng, VD: Bình Sơn."),
    FIELD(bc_document, "date", BC_FIELD_DATE, 0, date, NULL,
          "Ngày ký, dạng YYYY-MM-DD; để trống (\"\") cho đến khi ký."),
    FIELD(bc_document, "year", BC_FIELD_INT, BC_REQUIRED | BC_YEAR, year,
          NULL,
          "Năm của báo cáo, VD: 2023."),
    FIELD(bc_document, "type", BC_FIELD_TEXT, REQ, type, NULL,
          "Tên loại văn bản, in hoa: BÁO CÁO."),
    FIELD(bc_document, "subject", BC_FIELD_TEXT, REQ, subject, NULL,
          "Trích yếu nội dung; có thể trích dẫn văn bản bằng [@mã]."),
    FIELD(bc_document, "recipients", BC_FIELD_TEXTS, REQ, recipients, NULL,
          "Nơi gửi (Kính gửi), mỗi nơi một mục."),
};

static const bc_schema document_schema = {
    "document", sizeof(bc_document), document_fields,
    BC_COUNT(document_fields), "Thông tin chung của văn bản."};

static const bc_field citation_fields[] = {
    FIELD_CHARS(bc_citation, "id", REQ, id,
                "Mã dùng để trích dẫn trong nội dung, VD: kh92 (viết "
                "[@kh92]).",
                BC_CITATION_ID_CHARS,
                "may use only the letters a-z and A-Z, digits, \"_\", \"-\" "
                "and \".\""),
    FIELD(bc_citation, "type", BC_FIELD_TEXT, REQ, type, NULL,
          "Loại văn bản: Chỉ thị, Kế hoạch, Nghị định, Công văn..."),
    FIELD(bc_citation, "number", BC_FIELD_TEXT, REQ, number, NULL,
          "Số và ký hiệu, VD: 92/KH-UBND."),
    FIELD(bc_citation, "date", BC_FIELD_DATE, REQ, date, NULL,
          "Ngày ban hành, dạng YYYY-MM-DD."),
    FIELD(bc_citation, "issuer", BC_FIELD_TEXT, REQ, issuer, NULL,
          "Cơ quan ban hành, VD: UBND tỉnh Quảng Ngãi."),
    FIELD(bc_citation, "title", BC_FIELD_TEXT, 0, title, NULL,
          "Trích yếu của văn bản được trích dẫn, bắt đầu bằng \"về\"."),
    FIELD(bc_citation, "short_name", BC_FIELD_TEXT, BC_NONEMPTY, short_name,
          NULL, "Tên gọi tắt, VD: Kế hoạch số 92."),
    FIELD(bc_citation, "effective", BC_FIELD_DATE, 0, effective, NULL,
          "Ngày có hiệu lực (nếu cần nhắc đến), dạng YYYY-MM-DD; trích dẫn "
          "bằng [@mã effective]."),
};

static const bc_schema citation_schema = {
    "citation", sizeof(bc_citation), citation_fields,
    BC_COUNT(citation_fields), "Một văn bản được trích dẫn."};

static const bc_field delegation_fields[] = {
    FIELD(bc_delegation, "who", BC_FIELD_TEXT, REQ, who, NULL,
          "Người đi, VD: đồng chí Chủ tịch UBND huyện."),
    FIELD(bc_delegation, "with", BC_FIELD_TEXT, 0, with, NULL,
          "Đi cùng đoàn nào, VD: Đoàn công tác của Tỉnh."),
    FIELD(bc_delegation, "countries", BC_FIELD_TEXTS, REQ, countries, NULL,
          "Các nước đến, VD: [Hàn Quốc, Nhật Bản]."),
    FIELD(bc_delegation, "purpose", BC_FIELD_TEXT, REQ, purpose, NULL,
          "Mục đích, VD: xúc tiến đầu tư."),
};

static const bc_schema delegation_schema = {
    "delegation", sizeof(bc_delegation), delegation_fields,
    BC_COUNT(delegation_fields), "Một đoàn đi công tác nước ngoài."};

static const bc_field aid_fields[] = {
    FIELD(bc_aid_project, "partner", BC_FIELD_TEXT, 0, partner, NULL,
          "Bên thực hiện tại địa phương; mặc định là cơ quan ban hành."),
    FIELD(bc_aid_project, "donor", BC_FIELD_TEXT, REQ, donor, NULL,
          "Nhà tài trợ, VD: Quỹ Hòa bình Hàn – Việt."),
    FIELD(bc_aid_project, "project", BC_FIELD_TEXT, REQ, project, NULL,
          "Tên dự án."),
    FIELD(bc_aid_project, "place", BC_FIELD_TEXT, REQ, place, NULL,
          "Địa điểm, VD: xã Bình Hòa, huyện Bình Sơn."),
    FIELD_AMOUNT(bc_aid_project, "amount", BC_REQUIRED, amount,
                 "Tổng kinh phí, số đồng (số nguyên, không âm)."),
    FIELD(bc_aid_project, "legal_basis", BC_FIELD_TEXT, REQ, legal_basis,
          NULL, "Căn cứ pháp lý, VD: [@nd80, khoản 2 Điều 8]."),
    FIELD(bc_aid_project, "status", BC_FIELD_TEXT, REQ, status, NULL,
          "Tình trạng, VD: đang triển khai thực hiện."),
    FIELD_AMOUNT(bc_aid_project, "disbursed", 0, disbursed,
                 "Số đồng đã giải ngân (nếu có)."),
};

static const bc_schema aid_schema = {
    "aid project", sizeof(bc_aid_project), aid_fields, BC_COUNT(aid_fields),
    "Một dự án viện trợ nước ngoài."};

static const bc_field task_fields[] = {
    FIELD(bc_task, "title", BC_FIELD_TEXT, REQ, title, NULL,
          "Tên nhiệm vụ (điểm a, b, c...)."),
    FIELD(bc_task, "delegations", BC_FIELD_LIST, 0, delegations,
          &delegation_schema, "Các đoàn đi công tác nước ngoài."),
    FIELD(bc_task, "aid_projects", BC_FIELD_LIST, 0, aid_projects,
          &aid_schema, "Các dự án viện trợ."),
    FIELD_BLOCKS(bc_task, "body", 0, body,
                 "Nội dung: đoạn văn, danh sách gạch đầu dòng, ghi chú."),
};

static const bc_schema task_schema = {
    "task", sizeof(bc_task), task_fields, BC_COUNT(task_fields),
    "Một nhiệm vụ của kế hoạch."};

static const bc_field part_fields[] = {
    FIELD(bc_part, "title", BC_FIELD_TEXT, REQ, title, NULL, "Tiêu đề."),
    FIELD_BLOCKS(bc_part, "body", BC_REQUIRED, body,
                 "Nội dung: đoạn văn, danh sách gạch đầu dòng, ghi chú."),
};

static const bc_schema part_schema = {
    "section", sizeof(bc_part), part_fields, BC_COUNT(part_fields),
    "Một mục có tiêu đề và nội dung."};

static const bc_field tasks_fields[] = {
    FIELD(bc_tasks, "title", BC_FIELD_TEXT, REQ, title, NULL, "Tiêu đề."),
    FIELD(bc_tasks, "items", BC_FIELD_LIST, REQ, items, &task_schema,
          "Các nhiệm vụ, đánh số a), b), c)..."),
};

static const bc_schema tasks_schema = {
    "tasks", sizeof(bc_tasks), tasks_fields, BC_COUNT(tasks_fields),
    "Kết quả thực hiện các nhiệm vụ của kế hoạch."};

static const bc_field results_fields[] = {
    FIELD(bc_results, "title", BC_FIELD_TEXT, REQ, title, NULL,
          "Tiêu đề phần I, in hoa."),
    FIELD(bc_results, "dissemination", BC_FIELD_OBJECT, BC_REQUIRED,
          dissemination, &part_schema, "Công tác tuyên truyền, quán triệt."),
    FIELD(bc_results, "tasks", BC_FIELD_OBJECT, BC_REQUIRED, tasks,
          &tasks_schema, "Kết quả thực hiện các nhiệm vụ."),
};

static const bc_schema results_schema = {
    "results", sizeof(bc_results), results_fields, BC_COUNT(results_fields),
    "Kết quả triển khai thực hiện."};

static const bc_field assessment_fields[] = {
    FIELD(bc_assessment, "title", BC_FIELD_TEXT, REQ, title, NULL,
          "Tiêu đề phần II, in hoa."),
    FIELD(bc_assessment, "strengths", BC_FIELD_OBJECT, BC_REQUIRED,
          strengths, &part_schema, "Ưu điểm."),
    FIELD(bc_assessment, "limitations", BC_FIELD_OBJECT, BC_REQUIRED,
          limitations, &part_schema, "Khó khăn, hạn chế."),
    FIELD(bc_assessment, "causes", BC_FIELD_TEXT, 0, causes, NULL,
          "Nguyên nhân của hạn chế."),
};

static const bc_schema assessment_schema = {
    "assessment", sizeof(bc_assessment), assessment_fields,
    BC_COUNT(assessment_fields), "Đánh giá chung."};

static const bc_field proposals_fields[] = {
    FIELD(bc_proposals, "title", BC_FIELD_TEXT, REQ, title, NULL,
          "Tiêu đề phần III, in hoa."),
    FIELD(bc_proposals, "to", BC_FIELD_TEXT, REQ, to, NULL,
          "Cơ quan được đề nghị, VD: Sở Ngoại vụ."),
    FIELD_BLOCKS(bc_proposals, "body", REQ, body,
                 "Các đề xuất, kiến nghị."),
};

static const bc_schema proposals_schema = {
    "proposals", sizeof(bc_proposals), proposals_fields,
    BC_COUNT(proposals_fields), "Đề xuất, kiến nghị."};

static const bc_field signature_fields[] = {
    FIELD(bc_signature, "lines", BC_FIELD_TEXTS, 0, lines, NULL,
          "Các dòng thẩm quyền, VD: [\"TM. ỦY BAN NHÂN DÂN\", "
          "\"KT. CHỦ TỊCH\"]."),
    FIELD(bc_signature, "title", BC_FIELD_TEXT, REQ, title, NULL,
          "Chức vụ người ký, in hoa, VD: PHÓ CHỦ TỊCH."),
    FIELD(bc_signature, "name", BC_FIELD_TEXT, REQ, name, NULL,
          "Họ và tên người ký."),
};

static const bc_schema signature_schema = {
    "signature", sizeof(bc_signature), signature_fields,
    BC_COUNT(signature_fields), "Khối chữ ký."};

static const bc_field report_fields[] = {
    FIELD(bc_report, "document", BC_FIELD_OBJECT, BC_REQUIRED, document,
          &document_schema, "Thông tin chung của văn bản."),
    FIELD(bc_report, "citations", BC_FIELD_LIST, 0, citations,
          &citation_schema,
          "Các văn bản được trích dẫn; khai báo một lần, dùng [@mã] ở mọi "
          "chỗ."),
    FIELD_BLOCKS(bc_report, "preamble", REQ, preamble,
                 "Phần mở đầu (căn cứ, mục đích báo cáo)."),
    FIELD(bc_report, "results", BC_FIELD_OBJECT, BC_REQUIRED, results,
          &results_schema, "I. Kết quả triển khai thực hiện."),
    FIELD(bc_report, "assessment", BC_FIELD_OBJECT, BC_REQUIRED, assessment,
          &assessment_schema, "II. Đánh giá chung."),
    FIELD(bc_report, "proposals", BC_FIELD_OBJECT, 0, proposals,
          &proposals_schema, "III. Đề xuất, kiến nghị."),
    FIELD(bc_report, "closing", BC_FIELD_TEXT, 0, closing, NULL,
          "Câu kết; mặc định: \"<tên viết tắt> kính báo cáo\"."),
    FIELD(bc_report, "distribution", BC_FIELD_TEXTS, REQ, distribution, NULL,
          "Nơi nhận, mỗi nơi một mục; mục cuối thường là \"Lưu: VT\"."),
    FIELD(bc_report, "signature", BC_FIELD_OBJECT, BC_REQUIRED, signature,
          &signature_schema, "Khối chữ ký."),
};

const bc_schema bc_report_schema = {
    "report", sizeof(bc_report), report_fields, BC_COUNT(report_fields),
    "Dữ liệu của một báo cáo (BÁO CÁO) theo Nghị định 30/2020/NĐ-CP."};

/* Citation ids are how the text names documents: each must be unique. */
static void check_citation_ids(const bc_report *r, bc_diags *diags)
{
    bc_strmap seen = BC_STRMAP_INIT;
    for (size_t i = 0; i < r->citations.count; i++) {
        const bc_text *id = &r->citations.items[i].id;
        if (!id->s)
            continue;
        const bc_text *first = bc_strmap_get(&seen, id->s, id->len);
        bc_pos pos = {r->file, id->line, id->col};
        if (first)
            bc_diag_error(diags, pos,
                          "citation id \"%s\" is used twice (first at "
                          "%d:%d)",
                          id->s, first->line, first->col);
        else
            bc_strmap_put(&seen, id->s, id->len, (void *)id);
    }
    bc_strmap_fini(&seen);
}

/* Money cannot be disbursed beyond what the project has. */
static void check_disbursed(const bc_report *r, bc_diags *diags)
{
    const bc_tasks *tasks = &r->results.tasks;
    for (size_t t = 0; t < tasks->items.count; t++) {
        const bc_task *task = &tasks->items.items[t];
        for (size_t i = 0; i < task->aid_projects.count; i++) {
            const bc_aid_project *p = &task->aid_projects.items[i];
            if (!p->disbursed.set || !p->amount.set ||
                p->disbursed.value <= p->amount.value)
                continue;
            bc_pos pos = {r->file, p->disbursed.line, p->disbursed.col};
            bc_buf paid = BC_BUF_INIT, total = BC_BUF_INIT;
            bc_vn_money(&paid, p->disbursed.value);
            bc_vn_money(&total, p->amount.value);
            bc_diag_error(diags, pos,
                          "\"disbursed\" (%s) is more than \"amount\" (%s, "
                          "at %d:%d)",
                          paid.ptr, total.ptr, p->amount.line, p->amount.col);
            bc_buf_fini(&paid);
            bc_buf_fini(&total);
        }
    }
}

bc_report *bc_report_parse(const char *file, const char *text, size_t len,
                           bc_arena *arena, bc_diags *diags)
{
    size_t errors = diags->errors;
    bc_yaml_source source;
    bc_value *root = bc_yaml_load_source(arena, file, text, len, NULL, diags,
                                         &source);
    if (!root)
        return NULL;
    bc_report *r = bc_arena_calloc(arena, 1, sizeof *r);
    r->file = bc_arena_strdup(arena, file);
    r->source = source.text; /* what positions refer to */
    r->source_len = source.len;
    r->locator = bc_locator_new(arena, r->file, r->source, r->source_len);
    bc_schema_read(&bc_report_schema, root, r, r->file, arena, diags);
    check_citation_ids(r, diags);
    check_disbursed(r, diags);
    return diags->errors == errors ? r : NULL;
}

bc_report *bc_report_load(const char *path, bc_arena *arena,
                          bc_diags *diags)
{
    size_t len;
    char *text = bc_read_file(path, BC_YAML_MAX_FILE_SIZE, &len, diags);
    if (!text)
        return NULL;
    bc_report *r = bc_report_parse(bc_display_name(path), text, len, arena,
                                   diags);
    free(text);
    return r;
}

void bc_report_visit_texts(const bc_report *r, bc_text_visitor fn, void *ctx)
{
    bc_schema_visit_texts(&bc_report_schema, r, fn, ctx);
}

/* ---- positions inside texts ---- */

bc_pos bc_report_locate(const bc_report *r, const bc_text *t, size_t offset,
                        size_t len)
{
    bc_pos pos = {r->file, t->line, t->col};
    if (!r->source || !r->locator || offset + len > t->len || len == 0)
        return pos;
    return bc_locator_find(r->locator, t->s, t->len, t->line, t->col, offset);
}
