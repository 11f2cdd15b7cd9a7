/*
 * gen.c - bench inputs: data/2026-xa.yaml with its lists replicated.
 *
 *   gen SCALE > input.yaml
 *
 * Scale 1 is the example's content, its comments left out and one entry
 * in each list; at scale N each list of activities has N entries
 * (delegations, visits, events, cycling through the example's own), the
 * table N rows, the plans N + 2 items; aid projects are a quarter as many (the
 * appendix's table is made from them).  Every
 * kind of block and activity is there, so that every stage of a build
 * has its share of the work.  The texts vary by entry (dates, members,
 * amounts, a serial number), as a real year's would.  Each unit adds
 * about 1.3 kB: scale 10 000 is about 13 MB, under the loader's 16 MB.
 *
 * The output is the same for the same SCALE on every run.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

/* The text of the example that does not change with the scale. */
static const char head[] =
    "# Bench input (bench/gen.c): data/2026-xa.yaml with its lists "
    "replicated.\n"
    "document:\n"
    "  issuer:\n"
    "    parent: \"\"\n"
    "    name: [\"ỦY BAN NHÂN DÂN\", \"XÃ TỊNH KHÊ\"]\n"
    "    short_name: \"UBND xã Tịnh Khê\"\n"
    "    self_name: \"UBND xã\"\n"
    "  number: \"\"\n"
    "  symbol: \"BC-UBND\"\n"
    "  place: \"Tịnh Khê\"\n"
    "  date: \"\"\n"
    "  year: 2026\n"
    "  type: \"BÁO CÁO\"\n"
    "  subject: >-\n"
    "    Kết quả công tác đối ngoại nhân dân năm 2026 và phương hướng, "
    "nhiệm vụ\n"
    "    năm 2027\n"
    "  recipients:\n"
    "    - \"Sở Ngoại vụ tỉnh Quảng Ngãi\"\n"
    "citations:\n"
    "  - id: ct12\n"
    "    type: \"Chỉ thị\"\n"
    "    number: \"12-CT/TW\"\n"
    "    date: 2022-01-05\n"
    "    issuer: \"Ban Bí thư\"\n"
    "    title: >-\n"
    "      về tăng cường sự lãnh đạo của Đảng, nâng cao hiệu quả đối ngoại "
    "nhân\n"
    "      dân trong tình hình mới\n"
    "    short_name: \"Chỉ thị số 12\"\n"
    "  - id: tt09\n"
    "    type: \"Thông tư\"\n"
    "    number: \"09/2025/TT-BNG\"\n"
    "    date: 2025-06-30\n"
    "    issuer: \"Bộ trưởng Bộ Ngoại giao\"\n"
    "    title: >-\n"
    "      hướng dẫn chức năng, nhiệm vụ, quyền hạn về công tác đối ngoại "
    "của cơ\n"
    "      quan chuyên môn thuộc Ủy ban nhân dân tỉnh, thành phố trực thuộc "
    "trung\n"
    "      ương và Ủy ban nhân dân xã, phường, đặc khu thuộc tỉnh, thành phố "
    "trực\n"
    "      thuộc trung ương\n"
    "    short_name: \"Thông tư số 09\"\n"
    "  - id: nq1677\n"
    "    type: \"Nghị quyết\"\n"
    "    number: \"1677/NQ-UBTVQH15\"\n"
    "    date: 2025-06-16\n"
    "    issuer: \"Ủy ban Thường vụ Quốc hội\"\n"
    "    title: >-\n"
    "      về việc sắp xếp các đơn vị hành chính cấp xã của tỉnh Quảng Ngãi "
    "năm\n"
    "      2025\n"
    "  - id: nd313\n"
    "    type: \"Nghị định\"\n"
    "    number: \"313/2025/NĐ-CP\"\n"
    "    date: 2025-12-08\n"
    "    issuer: \"Chính phủ\"\n"
    "    title: >-\n"
    "      quy định về quản lý và sử dụng viện trợ không hoàn lại không "
    "thuộc hỗ\n"
    "      trợ phát triển chính thức của cơ quan, tổ chức, cá nhân nước "
    "ngoài dành\n"
    "      cho Việt Nam\n"
    "    short_name: \"Nghị định số 313\"\n"
    "    effective: 2025-12-08\n"
    "preamble:\n"
    "  - >-\n"
    "    Thực hiện [@ct12]; căn cứ [@tt09], UBND xã Tịnh Khê báo cáo kết "
    "quả\n"
    "    công tác đối ngoại nhân dân năm 2026 và phương hướng, nhiệm vụ năm "
    "2027\n"
    "    trên địa bàn xã như sau:\n"
    "results:\n"
    "  title: \"KẾT QUẢ THỰC HIỆN\"\n"
    "  body:\n"
    "    - >-\n"
    "      Năm 2026 là năm đầu tiên xã Tịnh Khê, được sắp xếp theo "
    "[@nq1677],\n"
    "      hoạt động trọn năm theo mô hình chính quyền địa phương hai cấp. "
    "Trên\n"
    "      địa bàn xã có Khu Chứng tích Sơn Mỹ, nơi thường xuyên đón các "
    "đoàn\n"
    "      khách quốc tế; công tác đối ngoại nhân dân gắn với giáo dục "
    "truyền\n"
    "      thống, quảng bá hình ảnh quê hương và vận động nguồn lực hỗ trợ "
    "Nhân\n"
    "      dân.\n"
    "  dissemination:\n"
    "    title: \"Công tác tuyên truyền, quán triệt [@ct12]\"\n"
    "    body:\n"
    "      - - >-\n"
    "          UBND xã phối hợp với Ủy ban Mặt trận Tổ quốc Việt Nam xã tiếp "
    "tục\n"
    "          quán triệt [@ct12] đến cán bộ, công chức và Nhân dân qua hệ "
    "thống\n"
    "          truyền thanh, Trang thông tin điện tử xã và các buổi sinh hoạt "
    "ở\n"
    "          thôn.\n"
    "        - >-\n"
    "          Giao Văn phòng HĐND và UBND xã làm đầu mối tham mưu công tác "
    "đối\n"
    "          ngoại theo [@tt09]; hướng dẫn các thôn, các đơn vị trên địa "
    "bàn\n"
    "          báo cáo kịp thời khi có người nước ngoài đến làm việc.\n"
    "  tasks:\n"
    "    title: \"Kết quả thực hiện các nhiệm vụ\"\n"
    "    items:\n";

static const char tail[] =
    "assessment:\n"
    "  title: \"ĐÁNH GIÁ CHUNG\"\n"
    "  strengths:\n"
    "    title: \"Ưu điểm\"\n"
    "    body:\n"
    "      - - >-\n"
    "          Công tác đối ngoại nhân dân được Đảng ủy, UBND xã quan tâm "
    "lãnh\n"
    "          đạo, chỉ đạo; việc đón tiếp các đoàn khách quốc tế bảo đảm "
    "đúng\n"
    "          quy định, an toàn, chu đáo.\n"
    "        - >-\n"
    "          Các dự án viện trợ được triển khai công khai, đúng mục đích, "
    "hướng\n"
    "          đến hộ nghèo và học sinh; tỷ lệ giải ngân đạt 88,2% tổng kinh "
    "phí.\n"
    "  limitations:\n"
    "    title: \"Hạn chế\"\n"
    "    body:\n"
    "      - - >-\n"
    "          Nguồn viện trợ còn ít, phụ thuộc vào một số ít đối tác truyền\n"
    "          thống.\n"
    "        - >-\n"
    "          Dự án lắp đặt hệ thống lọc nước uống trong trường học chưa "
    "hoàn\n"
    "          thành trong năm.\n"
    "  causes: >-\n"
    "    Xã mới được sắp xếp, bộ máy đang kiện toàn; công chức làm công tác "
    "đối\n"
    "    ngoại kiêm nhiệm nhiều việc, chưa được bồi dưỡng nghiệp vụ đối "
    "ngoại và\n"
    "    quy định mới về viện trợ tại [@nd313].\n"
    "plans:\n"
    "  items:\n"
    "    - title: \"Tuyên truyền, quán triệt\"\n"
    "      body:\n"
    "        - >-\n"
    "          Tiếp tục quán triệt [@ct12]; phổ biến [@nd313] đến các thôn, "
    "các\n"
    "          đơn vị tiếp nhận viện trợ trên địa bàn xã.\n"
    "    - title: \"Hoạt động đối ngoại và vận động viện trợ\"\n"
    "      body:\n"
    "        - - >-\n"
    "            Hoàn thành, bàn giao dự án lắp đặt hệ thống lọc nước uống "
    "trong\n"
    "            trường học trong quý I năm 2027.\n"
    "          - >-\n"
    "            Duy trì quan hệ với Tổ chức Madison Quakers; chủ động giới "
    "thiệu\n"
    "            nhu cầu hỗ trợ của xã đến các tổ chức nước ngoài qua Sở "
    "Ngoại vụ.\n"
    "          - >-\n"
    "            Phối hợp tổ chức chu đáo Lễ dâng hương tưởng niệm 59 năm "
    "ngày 504\n"
    "            thường dân Sơn Mỹ bị thảm sát (16/3/1968 – 16/3/2027).\n"
    "    - title: \"Thông tin đối ngoại\"\n"
    "      body:\n"
    "        - >-\n"
    "          Nâng cao chất lượng tin, bài trên Trang thông tin điện tử và "
    "trang\n"
    "          mạng xã hội của xã; phấn đấu đạt và vượt kế hoạch ở tất cả "
    "các hình\n"
    "          thức.\n";

static const char tail2[] =
    "proposals:\n"
    "  to: \"Sở Ngoại vụ\"\n"
    "  body:\n"
    "    - - >-\n"
    "        Tổ chức lớp bồi dưỡng nghiệp vụ đối ngoại và hướng dẫn thực "
    "hiện\n"
    "        [@nd313] cho công chức cấp xã.\n"
    "      - >-\n"
    "        Giới thiệu, kết nối xã với các tổ chức phi chính phủ nước ngoài "
    "có\n"
    "        chương trình hỗ trợ về giáo dục, nước sạch và sinh kế cho hộ "
    "nghèo.\n"
    "appendices:\n"
    "  - id: pl-vientro\n"
    "    title: \"DANH MỤC CÁC DỰ ÁN VIỆN TRỢ NĂM 2026\"\n"
    "    body:\n"
    "      - table: {from: aid_projects}\n"
    "closing: \"UBND xã Tịnh Khê kính báo cáo\"\n"
    "distribution:\n"
    "  - \"Như trên\"\n"
    "  - \"TT Đảng ủy xã\"\n"
    "  - \"TT HĐND xã\"\n"
    "  - \"CT, các PCT UBND xã\"\n"
    "  - \"Lưu: VT, VP\"\n"
    "signature:\n"
    "  lines: [\"TM. ỦY BAN NHÂN DÂN\", \"KT. CHỦ TỊCH\"]\n"
    "  title: \"PHÓ CHỦ TỊCH\"\n"
    "  name: \"Nguyễn Thị Minh Thu\"\n";

/* A day of 2026 for entry i, with room for a visit of two more days in
 * any month. */
static void day_of(long i, int *day, int *month)
{
    *day = 1 + (int)(i % 26);
    *month = 1 + (int)((i / 26) % 12);
}

static void delegation(FILE *f, long i)
{
    int d, m;
    day_of(i, &d, &m);
    fprintf(f,
            "          - who: \"đồng chí Phó Chủ tịch UBND xã\"\n"
            "            with: \"Đoàn công tác số %ld của tỉnh Quảng Ngãi\"\n"
            "            countries: [\"%s\"]\n"
            "            purpose: \"trao đổi kinh nghiệm phát triển du lịch "
            "cộng đồng\"\n"
            "            from: 2026-%02d-%02d\n"
            "            to: 2026-%02d-%02d\n"
            "            members: %ld\n",
            i + 1, i % 2 ? "Cam-pu-chia" : "Lào", m, d, m, d + 2,
            5 + i % 20);
}

static void visit(FILE *f, long i)
{
    int d, m;
    day_of(i, &d, &m);
    if (i % 2 == 0)
        fprintf(f,
                "          - guests: \"Đoàn của Tổ chức Madison Quakers\"\n"
                "            country: \"Hoa Kỳ\"\n"
                "            from: 2026-%02d-%02d\n"
                "            to: 2026-%02d-%02d\n"
                "            members: %ld\n"
                "            purpose: >-\n"
                "              khảo sát nhu cầu hỗ trợ hộ nghèo, trường học "
                "trên địa bàn xã\n"
                "            outcome: >-\n"
                "              hai bên thống nhất hỗ trợ xây dựng %02ld nhà "
                "tình thương\n",
                m, d, m, d + 2, 3 + i % 9, 1 + i % 5);
    else
        fprintf(f,
                "          - guests: \"Đoàn cựu chiến binh Hoa Kỳ số %ld\"\n"
                "            country: \"Hoa Kỳ\"\n"
                "            from: 2026-%02d-%02d\n"
                "            members: %ld\n"
                "            purpose: >-\n"
                "              thăm Khu Chứng tích Sơn Mỹ, dâng hương tưởng "
                "niệm các nạn nhân\n",
                i + 1, m, d, 4 + i % 11);
}

static void aid_project(FILE *f, long i)
{
    long amount = 50000000 + (i % 13) * 5000000;
    bool done = i % 2 == 0;
    fprintf(f,
            "          - donor: \"Tổ chức Madison Quakers\"\n"
            "            project: \"%s (công trình %ld)\"\n"
            "            place: \"các thôn trên địa bàn xã\"\n"
            "            amount: %ld\n"
            "            disbursed: %ld\n"
            "            legal_basis: \"[@nd313]\"\n"
            "            status: \"%s\"\n",
            done ? "Xây dựng nhà tình thương cho hộ nghèo"
                 : "Lắp đặt hệ thống lọc nước uống trong trường học",
            i + 1, amount, done ? amount : amount / 5 * 3,
            done ? "đã hoàn thành, bàn giao đưa vào sử dụng"
                 : "đang triển khai thực hiện");
}

static void event(FILE *f, long i)
{
    int d, m;
    day_of(i, &d, &m);
    fprintf(f,
            "          - title: \"Lễ bàn giao nhà tình thương số %ld\"\n"
            "            date: 2026-%02d-%02d\n"
            "            place: \"Hội trường xã\"\n"
            "            participants: %ld\n"
            "            foreign: \"đại diện Tổ chức Madison Quakers\"\n",
            i + 1, m, d, 40 + i % 40);
}

static void table_row(FILE *f, long i)
{
    static const char *const forms[] = {"Trang thông tin điện tử xã",
                                        "Hệ thống truyền thanh xã",
                                        "Trang mạng xã hội của xã"};
    long plan = 20 + i % 30, done = plan + i % 7 - 3;
    fprintf(f, "                - [\"%s\", %ld, %ld, %ld]\n", forms[i % 3],
            plan, done, done * 100 / plan);
}

/* A task of next year's plan, numbered on from the example's three. */
static void plan_item(FILE *f, long i)
{
    int d, m;
    day_of(i, &d, &m);
    fprintf(f,
            "    - title: \"Phối hợp tổ chức hoạt động giao lưu số %ld\"\n"
            "      body:\n"
            "        - >-\n"
            "          Chủ động phối hợp với Sở Ngoại vụ tổ chức giao lưu "
            "hữu nghị với\n"
            "          %s trong tháng %d năm 2027.\n",
            i + 1, i % 2 ? "các tổ chức phi chính phủ nước ngoài"
                         : "các đoàn khách quốc tế",
            m);
}

typedef void (*entry_fn)(FILE *f, long i);

static void entries(FILE *f, long scale, entry_fn fn)
{
    for (long i = 0; i < scale; i++)
        fn(f, i);
}

static void tasks(FILE *f, long scale)
{
    fputs("      - title: \"Công tác đoàn ra\"\n"
          "        delegations:\n", f);
    entries(f, scale, delegation);
    fputs("      - title: \"Đón tiếp các đoàn khách quốc tế\"\n"
          "        visits:\n", f);
    entries(f, scale, visit);
    fputs("        body:\n"
          "          - >-\n"
          "            Ngày 16/3/2026, UBND xã phối hợp với các cơ quan của "
          "tỉnh phục vụ\n"
          "            Lễ dâng hương tưởng niệm 58 năm ngày 504 thường dân "
          "Sơn Mỹ bị thảm\n"
          "            sát (16/3/1968 – 16/3/2026) tại Khu Chứng tích Sơn Mỹ.\n"
          "      - title: \"Vận động, tiếp nhận và quản lý viện trợ nước "
          "ngoài\"\n"
          "        aid_projects:\n", f);
    /* A quarter as many: the appendix prints each one again, and what a
     * document prints again is bounded (BC_CITE_MAX_EXPANDED). */
    entries(f, (scale + 3) / 4, aid_project);
    fputs("        body:\n"
          "          - >-\n"
          "            Chi tiết các dự án tại [@pl-vientro].\n"
          "      - title: \"Tổ chức các hoạt động đối ngoại\"\n"
          "        events:\n", f);
    entries(f, scale, event);
    fputs("      - title: \"Thông tin đối ngoại\"\n"
          "        body:\n"
          "          - >-\n"
          "            UBND xã thường xuyên cập nhật tin, bài về hoạt động "
          "đối ngoại,\n"
          "            giới thiệu lịch sử, văn hóa của quê hương Sơn Mỹ đến "
          "bạn bè quốc\n"
          "            tế. Kết quả cụ thể như sau:\n"
          "          - table:\n"
          "              title: \"Kết quả thông tin đối ngoại năm 2026\"\n"
          "              columns:\n"
          "                - {title: \"Hình thức\"}\n"
          "                - {title: \"Kế hoạch (tin, bài)\", type: "
          "integer}\n"
          "                - {title: \"Thực hiện (tin, bài)\", type: "
          "integer}\n"
          "                - {title: \"Tỷ lệ so với kế hoạch\", type: "
          "percent}\n"
          "              rows:\n", f);
    entries(f, scale, table_row);
    fputs("              total: true\n", f);
}

int main(int argc, char **argv)
{
    char *end;
    errno = 0;
    long scale = argc == 2 ? strtol(argv[1], &end, 10) : 0;
    if (argc != 2 || errno || *end || scale < 1 || scale > 100000) {
        fprintf(stderr, "usage: gen SCALE (1 to 100000) > input.yaml\n");
        return 64;
    }
    fputs(head, stdout);
    tasks(stdout, scale);
    fputs(tail, stdout);
    entries(stdout, scale - 1, plan_item);
    fputs(tail2, stdout);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("gen: writing");
        return 74;
    }
    return 0;
}
