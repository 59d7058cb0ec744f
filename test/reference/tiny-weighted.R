# Reference values for the weighted gap statistics (--weight-by value) on
# fixtures/tiny-weighted.csv.
# Weighted mean: weighted.mean; SD: cov.wt(method = "unbiased"); Kish effective n = (Σw)²/Σw²;
# SE = SD/√n_eff; t = mean/SE; df = n_eff − 1; p two-sided; CI = mean ± qt(.975, df)·SE.
# Run from the project root: Rscript test/reference/tiny-weighted.R
options(digits = 17)
d <- read.csv("fixtures/tiny-weighted.csv", na.strings = c("", "NA"))
d$c2_perf <- 8 - d$c2_perf   # reverse-keyed: x' = 1 + 7 - x
wstats <- function(x, w) {
  m <- weighted.mean(x, w); s <- sqrt(cov.wt(matrix(x), wt = w, method = "unbiased")$cov[1, 1])
  neff <- sum(w)^2 / sum(w^2); se <- s / sqrt(neff); t <- m / se; df <- neff - 1
  c(mean = m, sd = s, neff = neff, se = se, t = t, df = df, p = 2 * pt(-abs(t), df),
    lo = m - qt(0.975, df) * se, hi = m + qt(0.975, df) * se)
}
for (a in c("s1", "s2", "c2")) {
  imp <- d[[paste0(a, "_imp")]]; perf <- d[[paste0(a, "_perf")]]
  ok <- !is.na(imp) & !is.na(perf); w <- d$value[ok]
  cat(a, "gap", wstats(perf[ok] - imp[ok], w), "\n")
  cat(a, "imp", wstats(imp[ok], w)[1:2], "perf", wstats(perf[ok], w)[1:2],
      "share", sum(w[imp[ok] > 4]) / sum(w), "\n")
}
B <- sapply(c("s1", "s2"), function(a) d[[paste0(a, "_imp")]])
P <- sapply(c("s1", "s2"), function(a) d[[paste0(a, "_perf")]])
both <- !is.na(B) & !is.na(P); B[!both] <- NA; P[!both] <- NA
cat("speed gap", wstats(rowMeans(P, na.rm = TRUE) - rowMeans(B, na.rm = TRUE), d$value), "\n")
cat("l1", wstats(d$l1, d$value)[1:2], "\n")
