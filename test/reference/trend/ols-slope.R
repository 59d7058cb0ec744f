# Reference for waveTrends / olsSlope (src/core/compare/wave-trend.ts): slope of y on the wave
# number.
# Run: Rscript test/reference/trend/ols-slope.R
x <- c(0, 0, 0, 1, 1, 1, 2, 2, 2, 2)
y <- c(-3, -2, 0, -1, 0, 1, -1, 0, 2, 1)
fit <- lm(y ~ x)
s <- summary(fit)$coefficients
ci <- confint(fit)
options(digits = 17)
cat("estimate", s["x", "Estimate"], "\n")
cat("se", s["x", "Std. Error"], "\n")
cat("t", s["x", "t value"], "\n")
cat("p", s["x", "Pr(>|t|)"], "\n")
cat("ci", ci["x", 1], ci["x", 2], "\n")
