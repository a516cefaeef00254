/*
 * test_progress.c — the progress line's text, and that it stays off when
 * stderr is not a terminal (as in every test run and pipeline).
 */
#include "tests/unit/support.h"

#include <string.h>
#include <unistd.h>

#include "scanner/progress.h"

static void known_size_shows_percent_speed_and_time_left(void **state)
{
	char line[128];
	(void)state;
	progress_format(line, sizeof line, 50000000ull, 200000000ull, 0.5);
	assert_string_equal(line, "50.0 of 200.0 MB (25%), 100.0 MB/s, 0:02 left");
	progress_format(line, sizeof line, 200000000ull, 200000000ull, 2.0);
	assert_string_equal(line, "200.0 of 200.0 MB (100%), 100.0 MB/s, 0:00 left");
}

static void unknown_size_shows_bytes_and_speed(void **state)
{
	char line[128];
	(void)state;
	progress_format(line, sizeof line, 123400000ull, 0, 2.0);
	assert_string_equal(line, "123.4 MB, 61.7 MB/s");
}

static void off_when_stderr_is_not_a_terminal_or_quiet(void **state)
{
	struct progress p;
	(void)state;
	progress_init(&p, 0, 0);
	if (!isatty(2))
		assert_false(p.on);
	progress_init(&p, 0, 1);
	assert_false(p.on);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(known_size_shows_percent_speed_and_time_left),
		cmocka_unit_test(unknown_size_shows_bytes_and_speed),
		cmocka_unit_test(off_when_stderr_is_not_a_terminal_or_quiet),
	};
	return cmocka_run_group_tests_name("progress", tests, NULL, NULL);
}
