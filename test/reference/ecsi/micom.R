# MICOM steps 2 and 3 (Henseler, Ringle & Sarstedt 2016) on the ECSI data by formula with
# seminr's estimate_pls (seminr 2.3.1 has no MICOM). Groups: rows 1-125 and 126-250 of
# ecsi_mobi.csv. R 4.2.2. Run from the repository root: Rscript test/reference/ecsi/micom.R
# Writes test/reference/ecsi/ecsi_micom_reference.json: the deterministic statistics (c, mean
# difference, log variance ratio) and the permutation quantiles of one seeded run (Monte-Carlo),
# with its elapsed time.
suppressMessages({ library(seminr); library(jsonlite) })
d <- read.csv("test/reference/ecsi/ecsi_mobi.csv")
blocks <- list(IMAG = paste0("IMAG", 1:5), EXPE = paste0("CUEX", 1:3), QUAL = paste0("PERQ", 1:7),
               VAL = paste0("PERV", 1:2), SAT = paste0("CUSA", 1:3), COM = "CUSCO",
               LOY = paste0("CUSL", 1:3))
mm <- do.call(constructs, lapply(names(blocks), function(k) composite(k, blocks[[k]])))
sm <- relationships(
  paths(from = "IMAG", to = c("EXPE", "SAT", "LOY")),
  paths(from = "EXPE", to = c("QUAL", "VAL", "SAT")),
  paths(from = "QUAL", to = c("VAL", "SAT")), paths(from = "VAL", to = "SAT"),
  paths(from = "SAT", to = c("COM", "LOY")), paths(from = "COM", to = "LOY"))
cons <- names(blocks); items <- unlist(blocks)
fitw <- function(data) {
  m <- suppressMessages(estimate_pls(data, mm, sm, maxIt = 1000, stopCriterion = 12))
  m$outer_weights[items, cons]
}
Z <- scale(d[, items])            # pooled standardization (sd divisor n - 1)
W <- fitw(d)                      # pooled weights
Y <- Z %*% W                      # pooled-weight scores
stats_of <- function(g) {
  w1 <- fitw(d[g == 1, ]); w2 <- fitw(d[g == 2, ])
  c2 <- sapply(cons, function(k) cor(Z %*% w1[, k], Z %*% w2[, k]))
  md <- sapply(cons, function(k) mean(Y[g == 1, k]) - mean(Y[g == 2, k]))
  lv <- sapply(cons, function(k) log(var(Y[g == 1, k]) / var(Y[g == 2, k])))
  list(c = c2, mean = md, logvar = lv)
}
g <- rep(1:2, each = 125)
obs <- stats_of(g)
set.seed(1)
B <- 1000
t0 <- proc.time()
perm <- replicate(B, { s <- stats_of(sample(g)); c(s$c, s$mean, s$logvar) })
elapsed <- (proc.time() - t0)[["elapsed"]]
k <- length(cons)
q <- function(rows, p) apply(perm[rows, , drop = FALSE], 1, quantile, probs = p, type = 7)
out <- list(source = paste("Rscript test/reference/ecsi/micom.R (seminr 2.3.1 estimate_pls,",
                           "R 4.2.2; set.seed(1), 1000 permutations)"),
            groups = "rows 1-125 vs 126-250", c = as.list(obs$c),
            mean_difference = as.list(obs$mean),
            log_variance_ratio = as.list(obs$logvar),
            c_quantile05 = as.list(setNames(q(1:k, 0.05), cons)),
            mean_interval = list(lo = as.list(setNames(q(k + 1:k, 0.025), cons)),
                                 hi = as.list(setNames(q(k + 1:k, 0.975), cons))),
            logvar_interval = list(lo = as.list(setNames(q(2 * k + 1:k, 0.025), cons)),
                                   hi = as.list(setNames(q(2 * k + 1:k, 0.975), cons))),
            elapsed_seconds = elapsed)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE),
           "test/reference/ecsi/ecsi_micom_reference.json")
cat("elapsed", elapsed, "\n")
