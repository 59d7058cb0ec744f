# Reference values for src/core/stats/{ols,wilson-interval,spearman}.ts and the
# penalty-reward / complaint statistics. Run from the repo root:
#   Rscript test/reference/loyalty-stats.R > test/reference/loyalty-stats.json
# Inputs are generated here (set.seed) and written into the JSON beside the outputs, so the tests
# need no R. R 4.x, base + stats + jsonlite.
library(jsonlite)
set.seed(18)

# OLS: y on three attributes' low/high dummies (summary(lm())).
n <- 120
x <- sapply(1:3, function(j) sample(1:7, n, replace = TRUE))
low <- (x <= 2) * 1; high <- (x >= 6) * 1
y <- 4 - 0.9 * low[, 1] + 0.2 * high[, 1] - 0.3 * low[, 2] + 0.8 * high[, 2] +
  0.1 * high[, 3] + rnorm(n, 0, 0.7)
fit <- summary(lm(y ~ low[, 1] + high[, 1] + low[, 2] + high[, 2] + low[, 3] + high[, 3]))
co <- unname(coef(fit))
ols <- list(
  call = "summary(lm(y ~ low1 + high1 + low2 + high2 + low3 + high3))",
  ratings = x, y = y,
  estimate = co[, 1], se = co[, 2], t = co[, 3], p = co[, 4],
  df = fit$df[2], sigma = fit$sigma, rSquared = fit$r.squared
)
# Per-attribute regressions of the same y (penalty-reward fallback).
per <- lapply(1:3, function(j) {
  f <- summary(lm(y ~ low[, j] + high[, j])); c <- unname(coef(f))
  list(estimate = c[, 1], se = c[, 2], t = c[, 3], p = c[, 4])
})

# Wilson intervals by formula, checked against prop.test(correct = FALSE).
wil <- lapply(list(c(3, 10), c(0, 25), c(25, 25), c(41, 137), c(1, 2)), function(v) {
  x <- v[1]; n <- v[2]; z <- qnorm(0.975); p <- x / n
  centre <- (p + z^2 / (2 * n)) / (1 + z^2 / n)
  half <- z / (1 + z^2 / n) * sqrt(p * (1 - p) / n + z^2 / (4 * n^2))
  pt <- prop.test(x, n, correct = FALSE)$conf.int
  list(x = x, n = n, lower = centre - half, upper = centre + half, propTest = as.numeric(pt))
})

# Spearman with ties (response hours vs loyalty), exact = FALSE.
hours <- c(1, 2, 2, 5, 12, 24, 24, 30, 48, 72, 96, 3, 0.5, 8, 36)
loyal <- c(6.2, 6, 5.4, 5.8, 5, 4.6, 5.2, 4, 3.8, 3, 3.4, 5.6, 6.6, 5.4, 4.2)
ct <- cor.test(hours, loyal, method = "spearman", exact = FALSE)
sp <- list(call = "cor.test(hours, loyal, method = 'spearman', exact = FALSE)",
  x = hours, y = loyal, rho = unname(ct$estimate), S = unname(ct$statistic), p = ct$p.value)
small <- cor.test(c(1, 2, 3, 4, 5), c(2, 1, 4, 3, 5), method = "spearman", exact = FALSE)
sp2 <- list(x = c(1, 2, 3, 4, 5), y = c(2, 1, 4, 3, 5), rho = unname(small$estimate),
  p = small$p.value)

cat(toJSON(list(ols = ols, perAttribute = per, wilson = wil, spearman = list(sp, sp2)),
  digits = NA, auto_unbox = TRUE, pretty = TRUE))
