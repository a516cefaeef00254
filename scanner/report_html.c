/*
 * report_html.c — the HTML pages of `znes scan --format html` and `znes
 * audit summary --format html` (see report_html.h). It sits after the
 * reports are gathered: cmd_scan.c hands over its JSON document, cmd_audit.c
 * what it read from the log, and this module only renders: a page frame
 * with inline CSS, an SVG bar chart shared by both pages, tables whose
 * cells carry their numbers as data attributes, Ukrainian labels. Nothing
 * from the data reaches the page unescaped, and the page can neither load
 * nor run anything (its Content-Security-Policy says so to the browser).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/i18n.h"
#include "scanner/report_html.h"

void html_escape(struct buf *out, const char *s, size_t n)
{
	size_t i, run = 0;
	for (i = 0; i < n; i++) {
		const char *rep;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_add(out, s + run, i - run);
		buf_adds(out, rep);
		run = i + 1;
	}
	buf_add(out, s + run, n - run);
}

void html_adds(struct buf *out, const char *s)
{
	if (s)
		html_escape(out, s, strlen(s));
}

/* ----------------------------------------------------------------- page */

static const char page_css[] =
	"body{font-family:'DejaVu Sans','Noto Sans',Arial,sans-serif;font-size:15px;color:#1d2329;"
	"background:#f4f5f7;margin:0;padding:24px 32px 48px;line-height:1.45}"
	"main{max-width:1100px;margin:0 auto}"
	"h1{font-size:26px;margin:0 0 6px}h2{font-size:20px;margin:28px 0 8px}"
	"h3{font-size:16px;margin:20px 0 6px}section.card>h2:first-child{margin-top:4px}"
	"section.card{background:#fff;border:1px solid #d8dce1;border-radius:8px;padding:16px 22px;"
	"margin:18px 0}"
	".lead{color:#4a5560;margin:0 0 12px}.meta{color:#4a5560}"
	"table{border-collapse:collapse;width:100%;margin:8px 0}"
	"th,td{text-align:left;vertical-align:top;padding:6px 10px;border-bottom:1px solid #e3e6ea}"
	"thead th{background:#eef1f4;font-weight:600;font-size:14px}"
	"td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}"
	"table.kv{width:auto;min-width:50%}table.kv th{font-weight:normal;color:#4a5560;white-space:nowrap;"
	"padding-right:24px}"
	"code,.ex{font-family:'DejaVu Sans Mono','Noto Sans Mono',monospace;font-size:13px}"
	".ex{display:inline-block;background:#f1f3f5;border:1px solid #e0e3e7;border-radius:4px;"
	"padding:0 6px;margin:1px 4px 1px 0;white-space:pre}"
	".cat-id{color:#6b7680;font-size:12px}"
	"tr.kept td{color:#6b7680}"
	".badge{display:inline-block;padding:8px 12px;border-radius:6px;font-weight:600}"
	".good{background:#e6f4ea;color:#1e5631;border:1px solid #b7dfc2}"
	".bad{background:#fdecea;color:#8a1c12;border:1px solid #f3b8b0}"
	"svg.chart{display:block;max-width:100%;height:auto;margin:6px 0 10px}"
	"svg.chart text{font-family:'DejaVu Sans','Noto Sans',Arial,sans-serif;font-size:13px;"
	"fill:#1d2329}"
	"pre.copy{font-family:inherit;background:#fffdf3;border:1px solid #e4dcae;border-radius:6px;padding:12px 14px;"
	"white-space:pre-wrap;font-size:14px;user-select:all;-webkit-user-select:all;cursor:copy}"
	"ul.warnings li{color:#7a4b00}"
	"footer{color:#6b7680;font-size:13px;margin-top:28px}";

static void page_begin(struct buf *out, const char *title)
{
	buf_adds(out, "<!DOCTYPE html>\n<html lang=\"uk\">\n<head>\n<meta charset=\"utf-8\">\n"
		      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
		      "style-src 'unsafe-inline'\">\n"
		      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		      "<meta name=\"generator\" content=\"znes " ZNES_VERSION "\">\n<title>");
	html_adds(out, title);
	buf_adds(out, "</title>\n<style>");
	buf_adds(out, page_css);
	buf_adds(out, "</style>\n</head>\n<body>\n<main>\n");
}

static void page_end(struct buf *out)
{
	buf_adds(out, "<footer>Створено znes " ZNES_VERSION ". Звіт не містить персональних значень: "
		      "лише кількості та масковані приклади.</footer>\n</main>\n</body>\n</html>\n");
}

/* ---------------------------------------------------------------- chart */

#define CHART_W      900
#define CHART_LABEL  470      /* labels end here (right-aligned) */
#define CHART_BAR_X  480
#define CHART_BAR_W  360      /* the largest value's width */
#define CHART_ROW    30
#define CHART_BAR_H  20

void html_bar_chart(struct buf *out, const char *id, const char *attr, const char *caption,
		    const struct html_bar *bars, size_t n)
{
	unsigned long long max = 0;
	size_t i;
	unsigned h = (unsigned)(n * CHART_ROW + 12);
	for (i = 0; i < n; i++)
		if (bars[i].value > max)
			max = bars[i].value;
	buf_adds(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" id=\"");
	html_adds(out, id);
	buf_addf(out, "\" viewBox=\"0 0 %d %u\" width=\"%d\" height=\"%u\" data-max=\"%llu\" aria-labelledby=\"",
		 CHART_W, h, CHART_W, h, max);
	html_adds(out, id);
	buf_adds(out, "-title\"><title id=\"");
	html_adds(out, id);
	buf_adds(out, "-title\">");
	html_adds(out, caption);
	buf_addf(out, "</title>\n<line x1=\"%d\" y1=\"2\" x2=\"%d\" y2=\"%u\" stroke=\"#9aa3ab\"/>\n",
		 CHART_BAR_X, CHART_BAR_X, h - 4);
	for (i = 0; i < n; i++) {
		double w = max ? (double)CHART_BAR_W * (double)bars[i].value / (double)max : 0;
		unsigned y = (unsigned)(i * CHART_ROW + 6);
		buf_addf(out, "<g class=\"bar\">");
		buf_addf(out, "<text x=\"%d\" y=\"%u\" text-anchor=\"end\">", CHART_LABEL, y + 15);
		html_adds(out, bars[i].label);
		buf_addf(out, "</text><rect x=\"%d\" y=\"%u\" width=\"%.2f\" height=\"%d\" rx=\"2\" fill=\"",
			 CHART_BAR_X, y, w, CHART_BAR_H);
		html_adds(out, bars[i].fill);
		buf_addf(out, "\" data-%s=\"", attr);
		html_adds(out, bars[i].key);
		buf_addf(out, "\" data-count=\"%llu\"><title>", bars[i].value);
		html_adds(out, bars[i].label);
		buf_addf(out, ": %llu</title></rect>", bars[i].value);
		buf_addf(out, "<text x=\"%.2f\" y=\"%u\" class=\"value\">%llu</text></g>\n",
			 CHART_BAR_X + w + 6, y + 15, bars[i].value);
	}
	buf_adds(out, "</svg>\n");
}

/* ------------------------------------------------------------ scan page */

/* Largest first, ties in the order given (insertion sort: stable). */
static void sort_bars(struct html_bar *bars, size_t n)
{
	size_t i, k;
	for (i = 1; i < n; i++) {
		struct html_bar b = bars[i];
		for (k = i; k > 0 && bars[k - 1].value < b.value; k--)
			bars[k] = bars[k - 1];
		bars[k] = b;
	}
}

#define FILL_PERSONAL "#b4452f"
#define FILL_KEPT     "#8d969e"

static const char *jstr(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

static long long jint(json_t *o, const char *key)
{
	return (long long)json_integer_value(json_object_get(o, key));
}

static const char *cat_label(const struct ruleset *rs, const char *id)
{
	int c = rs ? ruleset_category(rs, id) : -1;
	return c >= 0 && rs->cat[c].label ? rs->cat[c].label : id;
}

/* The linkage report's English kinds and slot labels (corpus/qi.c), in
 * Ukrainian; anything else is shown as it is. */
static const char *const qi_uk[][2] = {
	{ "birth_date", "дата народження" }, { "birth date", "дата народження" },
	{ "birth_year", "рік народження" }, { "birth year", "рік народження" },
	{ "birth_date+sex (from tax_id)", "дата народження і стать (з РНОКПП)" },
	{ "age", "вік" }, { "age (5-year band)", "вік (п'ятирічна група)" }, { "sex", "стать" },
	{ "address", "адреса" }, { "street and house", "вулиця і будинок" }, { "street", "вулиця" },
	{ "settlement", "населений пункт" }, { "district", "район" },
	{ "postal_code", "поштовий індекс" }, { "postal code", "поштовий індекс" },
	{ "school", "заклад освіти" }, { "job_title", "посада" }, { "job title", "посада" },
	{ "employer", "роботодавець" }, { "event_date", "дата події" }, { "event date", "дата події" },
	{ "event month", "місяць події" }, { "cadastral", "кадастровий номер" },
	{ "cadastral number", "кадастровий номер" }, { "plate", "номерний знак" },
	{ "vehicle plate", "номерний знак" }, { "name", "прізвище, ім'я, по батькові" },
	{ "removed", "вилучити стовпець" },
};

/* The Ukrainian label of key in a table of {key, label} pairs, or key. */
static const char *label_in(const char *const (*table)[2], size_t n, const char *key)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!strcmp(table[i][0], key))
			return table[i][1];
	return key;
}

static const char *qi_label(const char *en)
{
	return label_in(qi_uk, sizeof qi_uk / sizeof qi_uk[0], en);
}

/* Appends the strings of a JSON array, comma-separated, escaped. */
static void add_list(struct buf *out, json_t *arr, int translate)
{
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v) {
		const char *s = json_string_value(v);
		if (i)
			buf_adds(out, ", ");
		html_adds(out, s ? (translate ? qi_label(s) : s) : "");
	}
}

static void kv_row(struct buf *out, const char *label, const char *key, long long v)
{
	buf_addf(out, "<tr><th>%s</th><td class=\"num\" data-key=\"%s\">%lld</td></tr>\n", label, key, v);
}

static void linkage_section(struct buf *out, int n, json_t *lk)
{
	json_t *v, *sug = json_object_get(lk, "suggestion");
	size_t i;
	int risk = json_is_true(json_object_get(lk, "risk"));
	long long k = jint(lk, "k");
	buf_addf(out, "<div class=\"linkage\" id=\"file-%d-linkage\" data-k=\"%lld\" data-risk=\"%s\">\n"
		      "<h3>Ризик повторної ідентифікації (зв'язування, k = %lld)</h3>\n",
		 n, k, risk ? "true" : "false", k);
	buf_addf(out, "<p class=\"badge %s\">%s</p>\n", risk ? "bad" : "good",
		 risk ? "Є ризик: записи можна виокремити або зв'язати з уже оприлюдненими наборами"
		      : "Ризику повторної ідентифікації не виявлено");
	buf_adds(out, "<p>Квазіідентифікатори: ");
	json_array_foreach(json_object_get(lk, "quasi_identifiers"), i, v) {
		buf_adds(out, i ? ", <b>" : "<b>");
		html_adds(out, jstr(v, "column"));
		buf_adds(out, "</b> (");
		html_adds(out, qi_label(jstr(v, "kind")));
		buf_adds(out, ")");
	}
	if (!json_array_size(json_object_get(lk, "quasi_identifiers")))
		buf_adds(out, "не знайдено");
	buf_addf(out, "</p>\n<table class=\"kv\" id=\"file-%d-kanon\">\n", n);
	kv_row(out, "Записів", "records", jint(lk, "records"));
	kv_row(out, "Класів еквівалентності", "classes", jint(lk, "classes"));
	kv_row(out, "Записів у класах, менших за k", "records_below_k", jint(lk, "records_below_k"));
	kv_row(out, "Унікальних записів", "unique_records", jint(lk, "unique_records"));
	kv_row(out, "Повторно ідентифікованих через оприлюднені набори", "reidentifiable_records",
	       jint(lk, "reidentifiable_records"));
	kv_row(out, "Записів з ідентифікатором, який уже оприлюднено", "direct_overlap_records",
	       jint(lk, "direct_overlap_records"));
	buf_adds(out, "</table>\n");
	if (json_array_size(json_object_get(lk, "links"))) {
		buf_addf(out, "<table id=\"file-%d-links\">\n<thead><tr><th>Оприлюднений набір</th>"
			      "<th>Стовпці цього файлу</th><th>Стовпці оприлюдненого набору</th>"
			      "<th>Порівнювалися</th><th>Повторно ідентифікованих</th>"
			      "<th>Спільних ідентифікаторів</th></tr></thead>\n<tbody>\n", n);
		json_array_foreach(json_object_get(lk, "links"), i, v) {
			buf_adds(out, "<tr data-dataset=\"");
			html_adds(out, jstr(v, "dataset"));
			buf_adds(out, "\"><td>");
			html_adds(out, jstr(v, "dataset"));
			buf_adds(out, "</td><td>");
			add_list(out, json_object_get(v, "columns"), 0);
			buf_adds(out, "</td><td>");
			add_list(out, json_object_get(v, "published_columns"), 0);
			buf_adds(out, "</td><td>");
			add_list(out, json_object_get(v, "compared"), 1);
			buf_addf(out, "</td><td class=\"num\" data-key=\"reidentifiable_records\" data-count=\"%lld\">%lld</td>"
				      "<td class=\"num\" data-key=\"direct_overlap_records\" data-count=\"%lld\">%lld</td></tr>\n",
				 jint(v, "reidentifiable_records"), jint(v, "reidentifiable_records"),
				 jint(v, "direct_overlap_records"), jint(v, "direct_overlap_records"));
		}
		buf_adds(out, "</tbody>\n</table>\n");
	}
	if (json_is_object(sug)) {
		buf_addf(out, "<p class=\"suggestion\" id=\"file-%d-suggestion\"><b>Як усунути ризик з "
			      "найменшими втратами:</b> ", n);
		json_array_foreach(json_object_get(sug, "changes"), i, v) {
			buf_adds(out, i ? "; «" : "«");
			html_adds(out, jstr(v, "columns"));
			buf_adds(out, "»: ");
			html_adds(out, qi_label(jstr(v, "from")));
			buf_adds(out, " → ");
			html_adds(out, qi_label(jstr(v, "to")));
		}
		buf_addf(out, " (після цього записів у класах, менших за k: %lld; повторно ідентифікованих: 0)</p>\n",
			 jint(sug, "records_below_k"));
	}
	if (json_array_size(json_object_get(lk, "warnings"))) {
		buf_adds(out, "<p>Попередження:</p>\n<ul class=\"warnings\">\n");
		json_array_foreach(json_object_get(lk, "warnings"), i, v) {
			buf_adds(out, "<li>");
			html_adds(out, json_string_value(v));
			buf_adds(out, "</li>\n");
		}
		buf_adds(out, "</ul>\n");
	}
	buf_adds(out, "</div>\n");
}

/* Findings per category over all columns of a file, largest first (ties in
 * the order met), as chart bars. Returns the number of bars. */
static size_t file_bars(json_t *cols, const struct ruleset *rs, struct html_bar **bars)
{
	size_t i, k, n = 0;
	json_t *c;
	*bars = xcalloc(json_array_size(cols) + 1, sizeof **bars);
	json_array_foreach(cols, i, c) {
		const char *id = jstr(c, "category");
		for (k = 0; k < n && strcmp((*bars)[k].key, id); k++)
			;
		if (k == n) {
			(*bars)[n].key = id;
			(*bars)[n].label = cat_label(rs, id);
			(*bars)[n].fill = json_is_false(json_object_get(c, "personal")) ? FILL_KEPT : FILL_PERSONAL;
			n++;
		}
		(*bars)[k].value += (unsigned long long)jint(c, "count");
	}
	sort_bars(*bars, n);
	return n;
}

static void file_section(struct buf *out, int n, json_t *file, json_t *linkage, const struct ruleset *rs)
{
	json_t *cols = json_object_get(file, "columns"), *c, *e;
	struct html_bar *bars;
	size_t i, k, nbars;
	struct buf id = BUF_INIT;
	buf_addf(out, "<section class=\"card file\" id=\"file-%d\" data-file=\"", n);
	html_adds(out, jstr(file, "file"));
	buf_addf(out, "\" data-records=\"%lld\" data-personal-values=\"%lld\">\n<h2>Файл <code>",
		 jint(file, "records"), jint(file, "personal_values"));
	html_adds(out, jstr(file, "file"));
	buf_addf(out, "</code></h2>\n<p class=\"meta\">Записів: <b>%lld</b> · формат ", jint(file, "records"));
	html_adds(out, jstr(file, "format"));
	buf_adds(out, " · кодування ");
	html_adds(out, jstr(file, "encoding"));
	buf_addf(out, " · значень з персональними даними: <b>%lld</b></p>\n", jint(file, "personal_values"));
	if (!json_array_size(cols)) {
		buf_adds(out, "<p class=\"badge good none\">Персональних даних не знайдено</p>\n");
	} else {
		buf_adds(out, "<h3>Знахідки за видами даних</h3>\n");
		nbars = file_bars(cols, rs, &bars);
		buf_addf(&id, "file-%d-chart", n);
		html_bar_chart(out, id.ptr, "cat", "Кількість значень з кожним видом даних", bars, nbars);
		free(bars);
		buf_addf(out, "<h3>За стовпцями</h3>\n<table id=\"file-%d-columns\">\n<thead><tr><th>Стовпець</th>"
			      "<th>Вид даних</th><th>Значень</th><th>Частка</th><th>Приклади (масковані)</th>"
			      "</tr></thead>\n<tbody>\n", n);
		json_array_foreach(cols, i, c) {
			const char *cat = jstr(c, "category");
			int personal = !json_is_false(json_object_get(c, "personal"));
			long long cnt = jint(c, "count"), ne = jint(c, "nonempty");
			buf_addf(out, "<tr class=\"%s\" data-column=\"", personal ? "personal" : "kept");
			html_adds(out, jstr(c, "column"));
			buf_adds(out, "\" data-cat=\"");
			html_adds(out, cat);
			buf_adds(out, "\"><td>");
			html_adds(out, jstr(c, "column"));
			buf_adds(out, "</td><td>");
			html_adds(out, cat_label(rs, cat));
			buf_adds(out, " <span class=\"cat-id\">");
			html_adds(out, cat);
			buf_adds(out, "</span></td><td class=\"num\" data-cat=\"");
			html_adds(out, cat);
			/* the share as the text report prints it */
			buf_addf(out, "\" data-count=\"%lld\" data-nonempty=\"%lld\">%lld з %lld</td>"
				      "<td class=\"num\" data-share=\"%.4f\">%.0f%%</td><td>",
				 cnt, ne, cnt, ne, json_real_value(json_object_get(c, "share")),
				 100.0 * (double)cnt / (double)(ne ? ne : 1));
			if (!personal)
				buf_adds(out, "залишено (не персональні дані)");
			else
				json_array_foreach(json_object_get(c, "examples"), k, e) {
					buf_adds(out, "<span class=\"ex\">");
					html_adds(out, json_string_value(e));
					buf_adds(out, "</span>");
				}
			buf_adds(out, "</td></tr>\n");
		}
		buf_adds(out, "</tbody>\n</table>\n");
	}
	if (linkage)
		linkage_section(out, n, linkage);
	buf_adds(out, "</section>\n");
	buf_release(&id);
}

int html_scan_report(struct buf *out, const char *doc, size_t len, const struct ruleset *rs)
{
	json_error_t err;
	json_t *root = json_loadb(doc, len, 0, &err), *files, *links, *f;
	size_t i;
	int found;
	if (!root)
		return error("cannot build the HTML report: the scan document does not parse at %d:%d: %s",
			     err.line, err.column, err.text);
	files = json_object_get(root, "files");
	links = json_object_get(root, "linkage");
	found = json_is_true(json_object_get(root, "personal_data_found"));
	page_begin(out, "Персональні дані в наборах даних — звіт znes");
	buf_adds(out, "<h1>Персональні дані в наборах даних</h1>\n<p class=\"lead\">Для кожного стовпця: "
		      "які види персональних даних знайдено, у скількох значеннях, їхня частка серед "
		      "непорожніх значень стовпця та масковані приклади. Повних значень у звіті немає.</p>\n");
	buf_addf(out, "<p id=\"summary\" class=\"badge %s\" data-files=\"%zu\" data-found=\"%s\">"
		      "Файлів перевірено: %zu. %s</p>\n",
		 found ? "bad" : "good", json_array_size(files), found ? "true" : "false",
		 json_array_size(files), found ? "Знайдено персональні дані: перед оприлюдненням їх треба "
						 "вилучити або закодувати (znes redact)."
					       : "Персональних даних не знайдено.");
	json_array_foreach(files, i, f)
		file_section(out, (int)i + 1, f, json_array_get(links, i), rs);
	page_end(out);
	json_decref(root);
	return 0;
}

/* ----------------------------------------------------------- audit page */

static const char *const action_uk[][2] = {
	{ "drop", "вилучено значення" },
	{ "token", "замінено позначкою" },
	{ "placeholder", "замінено умовним позначенням" },
	{ "mask", "частково приховано" },
	{ "pseudonym", "закодовано псевдонімом" },
	{ "generalize", "узагальнено" },
	{ "drop-column", "вилучено поле повністю" },
	{ "keep", "оприлюднено на правовій підставі" },
};

static const char *action_label(const char *act)
{
	return label_in(action_uk, sizeof action_uk / sizeof action_uk[0], act);
}

/* One value of the run: <span data-key="KEY">value</span>, or <code> for a digest. */
static void run_val(struct buf *out, const char *key, const char *v, int code)
{
	buf_addf(out, "<%s data-key=\"%s\">", code ? "code" : "span", key);
	html_adds(out, v && *v ? v : "—");
	buf_addf(out, "</%s>", code ? "code" : "span");
}

static void run_file(struct buf *out, const char *label, const char *name, json_t *trailer, const char *key)
{
	struct buf k = BUF_INIT;
	buf_addf(out, "<tr><th>%s</th><td>", label);
	run_val(out, key, name, 0);
	if (trailer) {
		buf_reset(&k);
		buf_addf(&k, "%s_bytes", key);
		buf_addf(out, ", <span data-key=\"%s\">%lld</span> байт<br>SHA-256 ", k.ptr, jint(trailer, k.ptr));
		buf_reset(&k);
		buf_addf(&k, "%s_sha256", key);
		run_val(out, k.ptr, jstr(trailer, k.ptr), 1);
	}
	buf_adds(out, "</td></tr>\n");
	buf_release(&k);
}

void html_audit_report(struct buf *out, const struct html_audit *a)
{
	const char *key;
	json_t *v;
	size_t i, n = 0;
	struct html_bar *bars = xcalloc(json_object_size(a->actions) + 1, sizeof *bars);
	struct buf b = BUF_INIT;
	page_begin(out, "Звіт про знеособлення набору даних — znes");
	buf_adds(out, "<h1>Звіт про знеособлення набору даних</h1>\n<p class=\"lead\">За журналом аудиту <code>");
	html_adds(out, a->path);
	buf_adds(out, "</code>. Журнал містить лише ключові хеші значень, тому в цьому звіті немає "
		      "жодного персонального значення.</p>\n<section class=\"card\">\n");
	if (a->ok)
		buf_addf(out, "<p id=\"verification\" class=\"badge good\" data-ok=\"true\" data-lines=\"%llu\" "
			      "data-events=\"%llu\">Перевірка: журнал цілісний (%llu %s, %llu %s%s)</p>\n"
			      "<p class=\"meta\">Голова ланцюжка (запишіть у паспорт): <code id=\"chain-head\">%s</code></p>\n",
			 a->chk->lines, a->chk->events, a->chk->lines,
			 uk_plural(a->chk->lines, "рядок", "рядки", "рядків"), a->chk->events,
			 uk_plural(a->chk->events, "подія", "події", "подій"),
			 a->chk->mac_checked ? ", MAC перевірено ключем" : "", a->chk->head);
	else
		buf_adds(out, "<p id=\"verification\" class=\"badge bad\" data-ok=\"false\">Перевірка: ЖУРНАЛ "
			      "ПОШКОДЖЕНО АБО НЕПОВНИЙ; звіт нижче не можна вважати достовірним</p>\n");
	buf_adds(out, "<table class=\"kv\" id=\"run\">\n");
	if (a->header) {
		buf_adds(out, "<tr><th>Інструмент</th><td>");
		run_val(out, "tool", jstr(a->header, "tool"), 0);
		buf_adds(out, ", почато ");
		run_val(out, "started", jstr(a->header, "started"), 0);
		buf_adds(out, "</td></tr>\n<tr><th>Правила</th><td>SHA-256 ");
		run_val(out, "rules_digest", jstr(a->header, "rules_digest"), 1);
		buf_adds(out, "</td></tr>\n<tr><th>Політика</th><td>");
		run_val(out, "policy", jstr(a->header, "policy"), 0);
		buf_adds(out, "<br>SHA-256 ");
		run_val(out, "policy_digest", jstr(a->header, "policy_digest"), 1);
		buf_adds(out, "</td></tr>\n<tr><th>Ключ</th><td>відбиток ");
		run_val(out, "key_fingerprint", jstr(a->header, "key_fingerprint"), 1);
		buf_adds(out, " (");
		run_val(out, "key_source", jstr(a->header, "key_source"), 0);
		buf_adds(out, ")</td></tr>\n");
		run_file(out, "Вхідний файл", jstr(a->header, "input"), a->trailer, "input");
	}
	if (a->trailer) {
		run_file(out, "Вихідний файл", jstr(a->trailer, "output"), a->trailer, "output");
		buf_addf(out, "<tr><th>Записів / змінено полів / подій</th><td><span data-key=\"records\">%lld</span> / "
			      "<span data-key=\"fields_changed\">%lld</span> / <span data-key=\"events\">%lld</span>"
			      "</td></tr>\n", jint(a->trailer, "records"), jint(a->trailer, "fields_changed"),
			 jint(a->trailer, "events"));
	}
	buf_adds(out, "</table>\n</section>\n");

	buf_adds(out, "<section class=\"card\">\n<h2>Що зроблено за політикою</h2>\n");
	json_object_foreach(a->actions, key, v) {
		bars[n].key = key;
		bars[n].label = action_label(key);
		bars[n].value = (unsigned long long)json_integer_value(v);
		bars[n].fill = strcmp(key, "keep") ? "#2f6ea5" : "#3f8f4f";
		n++;
	}
	if (!n) {
		buf_adds(out, "<p class=\"badge good none\">Персональних даних не виявлено, нічого не змінено</p>\n");
	} else {
		sort_bars(bars, n);
		html_bar_chart(out, "actions-chart", "action", "Кількість знахідок за діями", bars, n);
		buf_adds(out, "<h3>За видами інформації</h3>\n<table id=\"kinds\">\n<thead><tr><th>Вид інформації</th>"
			      "<th>Як оброблено</th><th>Знахідок</th></tr></thead>\n<tbody>\n");
		json_array_foreach(a->kinds, i, v) {
			buf_adds(out, "<tr data-cat=\"");
			html_adds(out, jstr(v, "category"));
			buf_adds(out, "\"><td>");
			html_adds(out, jstr(v, "kind"));
			buf_adds(out, "</td><td>");
			html_adds(out, jstr(v, "how"));
			buf_addf(out, "</td><td class=\"num\" data-count=\"%lld\">%lld</td></tr>\n", jint(v, "count"),
				 jint(v, "count"));
		}
		buf_adds(out, "</tbody>\n</table>\n");
	}
	buf_adds(out, "</section>\n<section class=\"card\">\n<h2>Текст для паспорта набору даних</h2>\n"
		      "<p class=\"meta\">Елементи, не оприлюднені через обмежений доступ, із зазначенням виду "
		      "інформації. Клацніть по тексту — він виділиться весь — і скопіюйте (Ctrl+C).</p>\n"
		      "<pre id=\"passport\" class=\"copy\">");
	html_adds(out, a->passport);
	buf_adds(out, "</pre>\n</section>\n");
	page_end(out);
	buf_release(&b);
	free(bars);
}
