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
} bc_citation;

typedef struct bc_delegation {
    bc_text who;   /* "đồng chí Chủ tịch UBND huyện" */
    bc_text with;  /* "Đoàn công tác của Tỉnh", optional */
    bc_texts countries;
    bc_text purpose; /* "xúc tiến đầu tư" */
} bc_delegation;

/* A whole amount of money in đồng, 0 to BC_VN_WORDS_MAX (what can be
 * written in words). */
typedef bc_number bc_amount;

typedef struct bc_aid_project {
    bc_text partner; /* who runs it here; default: the issuer's self_name */
    bc_text donor;
    bc_text project;
    bc_text place;
    bc_amount amount;
    bc_text legal_basis; /* "[@nd80, khoản 2 Điều 8]" */
    bc_text status;      /* "đang triển khai thực hiện" */
    bc_amount disbursed; /* optional */
} bc_aid_project;

typedef struct bc_task {
    bc_text title;
    BC_LIST_OF(bc_delegation) delegations;
    BC_LIST_OF(bc_aid_project) aid_projects;
    bc_blocks body;
} bc_task;

/* A titled piece of narrative. */
typedef struct bc_part {
    bc_text title;
    bc_blocks body;
} bc_part;

typedef struct bc_tasks {
    bc_text title;
    BC_LIST_OF(bc_task) items;
} bc_tasks;

typedef struct bc_results {
    bc_text title;
    bc_part dissemination;
    bc_tasks tasks;
} bc_results;

typedef struct bc_assessment {
    bc_text title;
    bc_part strengths;
    bc_part limitations;
    bc_text causes;
} bc_assessment;

typedef struct bc_proposals {
    bc_text title;
    bc_text to; /* "Sở Ngoại vụ": "Kính đề nghị Sở Ngoại vụ:" */
    bc_blocks body;
} bc_proposals;

typedef struct bc_signature {
    bc_texts lines; /* "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH" */
    bc_text title;  /* "PHÓ CHỦ TỊCH" */
    bc_text name;
} bc_signature;

typedef struct bc_report {
    const char *file;   /* for diagnostics */
    const char *source; /* the file's text (NFC), to place errors inside
                           texts; NULL: place them at the text's start */
    size_t source_len;
    struct bc_locator *locator; /* positions in source (locate.h) */
    bc_document document;
    BC_LIST_OF(bc_citation) citations;
    bc_blocks preamble;
    bc_results results;
    bc_assessment assessment;
    bc_proposals proposals;
    bc_text closing;
    bc_texts distribution;
    bc_signature signature;
} bc_report;

/* Calls fn for every text of the report (absent ones too: t->s NULL), in
 * the order of the data file; any of them may cite with [@id]. */
void bc_report_visit_texts(const bc_report *r, bc_text_visitor fn,
                           void *ctx);

/* The position in the data file of the len bytes at offset in text t
 * (locate.h: quotes, escapes and folded lines are walked over); t's own
 * position when they cannot be found.  Linear over a text when called at
 * increasing offsets. */
bc_pos bc_report_locate(const bc_report *r, const bc_text *t, size_t offset,
                        size_t len);

/* The schema of a whole data file (for `bcreport schema` too). */
extern const bc_schema bc_report_schema;

/* Loads and checks path ("-" for standard input).  Returns NULL after
 * adding errors to diags. */
bc_report *bc_report_load(const char *path, bc_arena *arena,
                          bc_diags *diags);

/* Loads and checks len bytes of YAML; file names it in diagnostics. */
bc_report *bc_report_parse(const char *file, const char *text, size_t len,
                           bc_arena *arena, bc_diags *diags);

#endif
