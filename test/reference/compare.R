# Reference values for test/core/compare/compare.test.ts (R 4.x; run from the repository root:
# Rscript test/reference/compare.R). The "after" wave is fixtures/tiny.csv with s1_perf
# 4 3 5 5 2 6 replaced by 5 5 5 5 3 6, so the s1 gaps P − I go from −3 −3 −2 0 −4 −1 (before)
# to −2 −1 −2 0 −3 −1 (after); see the test for the same construction.
options(digits = 17)
before <- c(-3, -3, -2, 0, -4, -1)
after <- c(-2, -1, -2, 0, -3, -1)
paired <- t.test(after - before)   # waves paired by respondent id: t on the changes
cat("paired estimate", paired$estimate, "t", paired$statistic, "df", paired$parameter,
    "p", paired$p.value, "ci", paired$conf.int, "\n")
welch <- t.test(after, before)     # no ids: independent waves, Welch
cat("welch estimate", diff(rev(welch$estimate)), "t", welch$statistic, "df", welch$parameter,
    "p", welch$p.value, "ci", welch$conf.int, "\n")
