/*
 * report.h - the report model: a yearly BÁO CÁO as typed C structs.
 *
 * bc_report_load reads a data file (YAML, see data/2023.yaml for a
 * commented example) and checks it against the schema of this module: every
 * unknown key, wrong type, missing field, impossible date, negative or
 * fractional amount and empty required list is reported with its file, line
 * and column.  Nothing about the issuing agency is fixed: a district, a
 * commune, a province or a department writes its own names in the data.
 *
 * The returned report, its lists and the value tree it points into all
 * live in the arena passed in; bc_arena_free frees them.  Text fields keep
 * the positions of their values, for later diagnostics (citations).
 */
#ifndef BC_REPORT_H
#define BC_REPORT_H

#include "bcreport/blocks.h"
#include "bcreport/schema.h"

typedef struct bc_issuer {
    bc_text parent;     /* cơ quan chủ quản, optional */
    bc_texts name;      /* the agency's name as printed, line by line */
    bc_text short_name; /* "UBND huyện Bình Sơn", in the closing */
    bc_text self_name;  /* "UBND huyện": how the text names the agency */
} bc_issuer;

typedef struct bc_document {
    bc_issuer issuer;
    bc_text number; /* blank until the records office issues it */
    bc_text symbol; /* "BC-UBND" */
    bc_text place;
    bc_date_field date; /* blank until signed */
    int64_t year;
    bc_text type;    /* "BÁO CÁO" */
    bc_text subject; /* trích yếu */
    bc_texts recipients;
} bc_document;

typedef struct bc_citation {
    bc_text id;
    bc_text type;   /* "Kế hoạch", "Chỉ thị", "Nghị định", "Công văn" */
    bc_text number; /* "92/KH-UBND" */
    bc_date_field date;
    bc_text issuer; /* "UBND tỉnh Quảng Ngãi" */
    bc_text title;  /* "về ...", optional */
    bc_text short_name; /* "Kế hoạch số 92", optional */
    bc_date_field effective; /* when it took effect, optional */
    bc_text replaced_by;     /* what replaced it: an id, or its name */
    bc_date_field replaced_on; /* from when, with replaced_by */
} bc_citation;

/* ---- activities: typed, so that tables and totals come from them ---- */

/* A trip abroad (đoàn ra). */
typedef struct bc_delegation {
    bc_text who;   /* "đồng chí Chủ tịch UBND huyện" */
    bc_text with;  /* "Đoàn công tác của Tỉnh", optional */
    bc_texts countries;
    bc_text purpose; /* "xúc tiến đầu tư" */
    bc_date_field from, to; /* optional */
    bc_number members;      /* optional */
    bc_text text; /* the clerk's own sentence, in place of the generated */
} bc_delegation;

/* A foreign delegation received (đoàn vào). */
typedef struct bc_visit {
    bc_text guests;  /* "Đoàn của Tổ chức Đông Tây Hội Ngộ" */
    bc_text country; /* "Hoa Kỳ" */
    bc_date_field from, to; /* to optional: a visit of one day */
    bc_number members;
    bc_text purpose; /* "khảo sát, hỗ trợ xây dựng nhà văn hóa thôn" */
    bc_text host;    /* who received it; default: the issuer's self_name */
    bc_text outcome; /* what came of it, optional */
    bc_text text;
} bc_visit;

/* A whole amount of money in đồng, 0 to BC_VN_WORDS_MAX (what can be
 * written in words). */
typedef bc_number bc_amount;

/* The states of an aid project that sentences and tables know. */
typedef enum bc_aid_status {
    BC_AID_PLANNED,   /* "chưa triển khai" */
    BC_AID_ONGOING,   /* "đang triển khai thực hiện" */
    BC_AID_SUSPENDED, /* "tạm dừng" */
    BC_AID_DONE,      /* "đã hoàn thành" */
    BC_AID_HANDED_OVER /* "đã hoàn thành, bàn giao đưa vào sử dụng" */
} bc_aid_status;

/* What "status" may say, in the order of bc_aid_status; NULL-ended. */
extern const char *const bc_aid_status_words[];

typedef struct bc_aid_project {
    bc_text partner; /* who runs it here; default: the issuer's self_name */
    bc_text donor;
    bc_text project;
    bc_text place;
    bc_amount amount;
    bc_text legal_basis; /* "[@nd80, khoản 2 Điều 8]" */
    bc_text status;      /* one of BC_AID_STATUS_WORDS */
    bc_aid_status state; /* status, read */
    bc_amount disbursed; /* optional */
    bc_text text;
} bc_aid_project;

/* An event or programme: a conference, an exchange, an anniversary. */
typedef struct bc_event {
    bc_text title;   /* "Hội nghị tổng kết công tác đối ngoại nhân dân" */
    bc_date_field date;
    bc_text place;
    bc_text host;    /* who held it; default: the issuer's self_name */
    bc_number participants; /* optional */
    bc_text foreign; /* the foreign side, optional */
    bc_text text;
} bc_event;

/* ---- the outline: parts I, II...; items 1, 2...; points a), b)... ---- */

/* An item (1, 2...) or a point (a, b...): a title, narrative, activities,
 * and for an item its points. */
typedef struct bc_entry {
    bc_text title;
    bc_blocks body;
    BC_LIST_OF(bc_delegation) delegations;
    BC_LIST_OF(bc_visit) visits;
    BC_LIST_OF(bc_aid_project) aid_projects;
    BC_LIST_OF(bc_event) events;
    BC_LIST_OF(struct bc_entry) points; /* items only */
} bc_entry;

typedef enum bc_part_kind {
    BC_PART_RESULTS,    /* KẾT QUẢ THỰC HIỆN */
    BC_PART_ASSESSMENT, /* ĐÁNH GIÁ CHUNG: ưu điểm, hạn chế, nguyên nhân */
    BC_PART_PLANS,      /* PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM (the next year) */
    BC_PART_PROPOSALS,  /* ĐỀ XUẤT, KIẾN NGHỊ */
    BC_PART_SECTION     /* a section of the clerk's own */
} bc_part_kind;

/* A part (I, II...).  Its numbered items are the named ones of its kind
 * (dissemination, tasks; strengths, limitations) and items, in the order
 * the data writes them (numbered, filled in on loading). */
typedef struct bc_part {
    bc_part_kind kind;
    bc_text title; /* absent: the default title of its kind */
    bc_text to;    /* proposals: "Kính đề nghị Sở Ngoại vụ:" */
    bc_blocks body;
    bc_entry dissemination, tasks;    /* results */
    bc_entry strengths, limitations;  /* assessment */
    bc_text causes;                   /* assessment: "* Nguyên nhân:" */
    BC_LIST_OF(bc_entry) items;
    BC_LIST_OF(const bc_entry *) numbered;
} bc_part;

/* A Phụ lục after the signature, on a page of its own; the text names it
 * by id: "chi tiết tại [@pl-vientro]" gives "chi tiết tại Phụ lục I". */
typedef struct bc_appendix {
    bc_text id;
    bc_text title;
    bc_blocks body;
} bc_appendix;

typedef struct bc_signature {
    bc_texts lines; /* "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH" */
    bc_text title;  /* "PHÓ CHỦ TỊCH" */
    bc_text name;
} bc_signature;

typedef struct bc_report {
    const char *file;   /* for diagnostics */
    const char *source; /* the file's text (NFC), to place errors inside
                           texts; NULL: place them at the text's start, or
                           dropped (see held) */
    size_t source_len;
    struct bc_locator *locator; /* positions in source (locate.h) */
    /* The file as read by bc_report_load_all, freed once its tree is read
     * and read again only to place an error inside a text (report.c);
     * NULL for a report parsed from memory. */
    struct bc_file_text *held;
    bc_document document;
    bc_text registry; /* a file whose citations this one takes too */
    /* The documents declared could not all be read (the registry is
     * missing, "citations" is not a list): any id may be unknown for that
     * reason alone, so citations are not checked for unknown ids. */
    bool citations_incomplete;
    BC_LIST_OF(bc_citation) citations;
    bc_blocks preamble;
    bc_part results, assessment, plans, proposals;
    BC_LIST_OF(bc_part) sections;
    BC_LIST_OF(const bc_part *) outline; /* the parts present, in order */
    BC_LIST_OF(bc_appendix) appendices;
    bc_text closing;
    bc_texts distribution;
    bc_signature signature; /* one signer... */
    BC_LIST_OF(bc_signature) signatures; /* ...or several; the lead first */
} bc_report;

/* Calls fn for every text of the report (absent ones too: t->s NULL), in
 * the order of the data file; any of them may cite with [@id]. */
void bc_report_visit_texts(const bc_report *r, bc_text_visitor fn,
                           void *ctx);

/* "Phụ lục I" for appendix index (0-based), or "Phụ lục" when there is
 * only one, as the decree numbers them; appended to out. */
void bc_appendix_label(const bc_report *r, size_t index, bc_buf *out);

/* Calls fn on every item and point of the parts present, in the order of
 * the document. */
typedef void (*bc_entry_fn)(const bc_entry *e, void *ctx);
void bc_report_each_entry(const bc_report *r, bc_entry_fn fn, void *ctx);

/* The position in the data file of the len bytes at offset in text t
 * (locate.h: quotes, escapes and folded lines are walked over); t's own
 * position when they cannot be found.  Linear over a text when called at
 * increasing offsets. */
bc_pos bc_report_locate(const bc_report *r, const bc_text *t, size_t offset,
                        size_t len);

/* The schema of a whole data file (for `bcreport schema` too). */
extern const bc_schema bc_report_schema;
/* The schemas of an entry's activities, for a walk over the texts of one
 * (bc_schema_visit_texts): the view makes an activity lazily only when
 * none of its texts cites (view.h). */
extern const bc_schema bc_delegation_schema, bc_visit_schema,
    bc_aid_schema, bc_event_schema;
/* The schema of a numbered item (1, 2...): its texts, its activities'
 * and its points' (the view makes an item lazily when none cites). */
extern const bc_schema bc_item_schema;

/* Loads and checks path like bc_report_load, but returns the report even
 * after errors in its fields (they are left unset), so that the checks
 * that come later (its citations) report their mistakes in the same run;
 * NULL only when there is no report at all (the file cannot be read, is
 * not YAML, or is not a mapping).  Check diags->errors before using it
 * for anything else. */
bc_report *bc_report_load_all(const char *path, bc_arena *arena,
                              bc_diags *diags);

/* Loads and checks path ("-" for standard input).  Returns NULL after
 * adding errors to diags. */
bc_report *bc_report_load(const char *path, bc_arena *arena,
                          bc_diags *diags);

/* Loads and checks len bytes of YAML; file names it in diagnostics. */
bc_report *bc_report_parse(const char *file, const char *text, size_t len,
                           bc_arena *arena, bc_diags *diags);

/* A frame: the keys of a report that are not its body (document,
 * registry, citations, closing, distribution, signature or signatures),
 * as a report reads them, for a document whose body is made otherwise
 * (summary.h).  No other key is allowed; the report returned has no
 * parts.  NULL after adding errors to diags. */
bc_report *bc_report_parse_frame(const char *file, const char *text,
                                 size_t len, bc_arena *arena,
                                 bc_diags *diags);

#endif
