# Kruskal-Wallis with one-respondent segments, and t.test on constant differences (R 4.2.2).
# Run: Rscript test/reference/stats/kruskal-singleton.R
options(digits = 17)
# Four segments, one of them a singleton: df 3 (= 4 - 1)
k1 <- kruskal.test(list(c(1, 2, 2), c(3, 4), c(5), c(2, 6, 6)))
cat("four segments one singleton: H", unname(k1$statistic), "df", unname(k1$parameter),
    "p", k1$p.value, "\n")
# Three segments, the third a singleton
k2 <- kruskal.test(list(c(2, 2, 3, 5), c(3, 4, 4, 5, 6), c(1)))
cat("three segments one singleton: H", unname(k2$statistic), "df", unname(k2$parameter),
    "p", k2$p.value, "\n")
# Two segments, one a singleton (Welch impossible: n = 1)
k3 <- kruskal.test(list(c(2, 2, 3, 5), c(6)))
cat("two segments one singleton: H", unname(k3$statistic), "df", unname(k3$parameter),
    "p", k3$p.value, "\n")
# Constant differences: R refuses
print(tryCatch(t.test(c(3, 3, 3), c(4, 4, 4), paired = TRUE),
               error = function(e) conditionMessage(e)))
