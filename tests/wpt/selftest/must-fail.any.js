// Not from WPT: the file tst_wpt_suite runs through wpt_runner to prove that a failing subtest
// fails the check (and that listing it in the expectations makes the check pass).
test(() => {}, "passes");
test(() => { assert_true(false, "on purpose"); }, "fails on purpose");
