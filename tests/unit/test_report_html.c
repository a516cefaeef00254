/*
 * test_report_html.c — the HTML reports: everything from data escaped, bars
 * proportional to their values, the scan page faithful to the JSON
 * document (kept categories without examples), nothing to load or run.
 * (tests/e2e/html.sh checks the pages as Chromium reads them.)
 */
#include "tests/unit/support.h"

#include <string.h>

#include "scanner/i18n.h"
#include "scanner/report_html.h"

static void escapes_markup_and_quotes(void **state)
{
	struct buf b = BUF_INIT;
	(void)state;
	html_adds(&b, "<script>alert('x')</script> & \"q\" — Коваленко");
	assert_string_equal(b.ptr, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot; — Коваленко");
	buf_reset(&b);
	html_escape(&b, "a<b", 2);
	assert_string_equal(b.ptr, "a&lt;");
	buf_release(&b);
}

static void bars_are_proportional_and_carry_their_numbers(void **state)
{
	struct html_bar bars[] = {
		{ "phone", "номер <телефону>", 12, "#b4452f" },
		{ "email", "e-mail", 3, "#b4452f" },
		{ "none", "нуль", 0, "#b4452f" },
	};
	struct buf b = BUF_INIT;
	(void)state;
	html_bar_chart(&b, "c1", "cat", "findings", bars, 3);
	assert_non_null(strstr(b.ptr, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" id=\"c1\""));
	assert_non_null(strstr(b.ptr, "width=\"360.00\" height=\"20\" rx=\"2\" fill=\"#b4452f\" data-cat=\"phone\" data-count=\"12\""));
	assert_non_null(strstr(b.ptr, "width=\"90.00\" height=\"20\" rx=\"2\" fill=\"#b4452f\" data-cat=\"email\" data-count=\"3\""));
	assert_non_null(strstr(b.ptr, "width=\"0.00\" height=\"20\" rx=\"2\" fill=\"#b4452f\" data-cat=\"none\" data-count=\"0\""));
	assert_non_null(strstr(b.ptr, "номер &lt;телефону&gt;"));
	assert_null(strstr(b.ptr, "<телефону>"));
	buf_release(&b);
}

static const char scan_doc[] =
	"{\"files\": [{\"file\": \"a<b>.csv\", \"format\": \"csv\", \"encoding\": \"utf-8\", \"records\": 4,"
	" \"personal_values\": 3, \"columns\": ["
	"{\"column\": \"<script>alert(1)</script>\", \"category\": \"phone\", \"personal\": true, \"count\": 3,"
	" \"nonempty\": 4, \"share\": 0.75, \"examples\": [\"+380 67 *** ** 67\"]},"
	"{\"column\": \"Код\", \"category\": \"org_id\", \"personal\": false, \"count\": 1, \"nonempty\": 4,"
	" \"share\": 0.25, \"examples\": [\"******70\"]}]}],"
	" \"personal_data_found\": true}";

static void scan_page_renders_the_json_document(void **state)
{
	struct buf b = BUF_INIT;
	(void)state;
	assert_int_equal(html_scan_report(&b, scan_doc, strlen(scan_doc), NULL), 0);
	assert_non_null(strstr(b.ptr, "<html lang=\"uk\">"));
	assert_non_null(strstr(b.ptr, "Content-Security-Policy"));
	assert_null(strstr(b.ptr, "<script"));
	assert_non_null(strstr(b.ptr, "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"));
	assert_non_null(strstr(b.ptr, "data-file=\"a&lt;b&gt;.csv\""));
	assert_non_null(strstr(b.ptr, "data-cat=\"phone\" data-count=\"3\" data-nonempty=\"4\">3 з 4</td>"));
	assert_non_null(strstr(b.ptr, "data-share=\"0.7500\">75%</td>"));
	assert_non_null(strstr(b.ptr, "<span class=\"ex\">+380 67 *** ** 67</span>"));
	/* a kept category: counted, charted in grey, no examples */
	assert_non_null(strstr(b.ptr, "data-cat=\"org_id\" data-count=\"1\""));
	assert_null(strstr(b.ptr, "******70"));
	assert_non_null(strstr(b.ptr, "залишено (не персональні дані)"));
	buf_release(&b);
}

static void scan_page_refuses_a_broken_document(void **state)
{
	struct buf b = BUF_INIT;
	(void)state;
	assert_int_equal(html_scan_report(&b, "{\"files\": [", 11, NULL), -1);
	buf_release(&b);
}

static void audit_page_shows_actions_and_the_passport(void **state)
{
	struct audit_check chk;
	json_t *kinds = json_pack("[{s:s, s:s, s:s, s:i}]", "category", "phone", "kind", "номер телефону", "how",
				  "вилучено", "count", 2);
	json_t *actions = json_pack("{s:i, s:i}", "token", 2, "keep", 4);
	struct html_audit a = { "a.jsonl", 1, &chk, NULL, NULL, kinds, actions,
				"Поле «<b>»: конфіденційна інформація — вилучено\n" };
	struct buf b = BUF_INIT;
	(void)state;
	memset(&chk, 0, sizeof chk);
	chk.lines = 4;
	chk.events = 6;
	html_audit_report(&b, &a);
	assert_non_null(strstr(b.ptr, "id=\"verification\" class=\"badge good\" data-ok=\"true\" data-lines=\"4\" data-events=\"6\""));
	/* largest first */
	assert_true(strstr(b.ptr, "data-action=\"keep\" data-count=\"4\"") < strstr(b.ptr, "data-action=\"token\" data-count=\"2\""));
	assert_non_null(strstr(b.ptr, "width=\"180.00\" height=\"20\" rx=\"2\" fill=\"#2f6ea5\" data-action=\"token\""));
	assert_non_null(strstr(b.ptr, "<pre id=\"passport\" class=\"copy\">Поле «&lt;b&gt;»: конфіденційна інформація — вилучено\n</pre>"));
	buf_release(&b);
	json_decref(kinds);
	json_decref(actions);
}

/* The Ukrainian texts count in Ukrainian: 1 рядок, 3 рядки, 11 рядків. */
static void ukrainian_counts_agree(void **state)
{
	static const struct { unsigned long long n; const char *want; } t[] = {
		{ 0, "рядків" }, { 1, "рядок" }, { 2, "рядки" }, { 4, "рядки" }, { 5, "рядків" },
		{ 11, "рядків" }, { 12, "рядків" }, { 14, "рядків" }, { 21, "рядок" }, { 22, "рядки" },
		{ 101, "рядок" }, { 111, "рядків" }, { 1004, "рядки" },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		assert_string_equal(uk_plural(t[i].n, "рядок", "рядки", "рядків"), t[i].want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(escapes_markup_and_quotes),
		cmocka_unit_test(bars_are_proportional_and_carry_their_numbers),
		cmocka_unit_test(scan_page_renders_the_json_document),
		cmocka_unit_test(scan_page_refuses_a_broken_document),
		cmocka_unit_test(audit_page_shows_actions_and_the_passport),
		cmocka_unit_test(ukrainian_counts_agree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
