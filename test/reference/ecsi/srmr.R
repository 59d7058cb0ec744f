# SRMR of the ECSI model (composite factor model, Henseler et al. 2014) by formula, from seminr's
# estimates. R 4.2.2, seminr 2.3.1. Run from the repository root: Rscript test/reference/ecsi/srmr.R
# Writes test/reference/ecsi/ecsi_srmr_reference.json.
#   within a block: implied = observed correlation;
#   across blocks i != j: implied = lambda_k * Phi_ij * lambda_l
#   Phi (estimated model): exogenous constructs keep their score correlations; endogenous j in
#   causal order: Phi[i, j] = sum_p b[p, j] Phi[p, i] for constructs i before j;
#   Phi[j, j] = b' Phi_pp b + 1 - R2_j
#   Phi (saturated model): the observed score correlations
#   SRMR = sqrt(sum over k < l of (r_kl - implied_kl)^2 / (p (p + 1) / 2))
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
m <- suppressMessages(estimate_pls(d, mm, sm, maxIt = 1000, stopCriterion = 12))
items <- unlist(blocks); cons <- names(blocks)
R <- cor(d[, items])
C <- cor(m$construct_scores[, cons])
B <- m$path_coef[cons, cons]
lambda <- sapply(items, function(i) {
  k <- names(blocks)[sapply(blocks, function(b) i %in% b)]; m$outer_loadings[i, k]
})
block_of <- sapply(items, function(i) names(blocks)[sapply(blocks, function(b) i %in% b)])
Phi <- matrix(0, 7, 7, dimnames = list(cons, cons))
exo <- cons[colSums(B != 0) == 0]
Phi[exo, exo] <- C[exo, exo]
done <- exo
order <- c("EXPE", "QUAL", "VAL", "SAT", "COM", "LOY")
for (j in order) {
  p <- cons[B[, j] != 0]; b <- B[p, j]
  for (i in done) Phi[i, j] <- Phi[j, i] <- sum(b * Phi[p, i])
  Phi[j, j] <- drop(t(b) %*% Phi[p, p] %*% b) + 1 - m$rSquared["Rsq", j]
  done <- c(done, j)
}
implied <- function(Phi) {
  S <- R
  for (k in seq_along(items)) for (l in seq_along(items)) if (block_of[k] != block_of[l])
    S[k, l] <- lambda[k] * Phi[block_of[k], block_of[l]] * lambda[l]
  S
}
srmr <- function(S) { p <- ncol(R); sqrt(sum((R - S)[lower.tri(R)]^2) / (p * (p + 1) / 2)) }
out <- list(source = paste("Rscript test/reference/ecsi/srmr.R",
                           "(seminr 2.3.1 estimates, stopCriterion 12)"),
            srmr_estimated = srmr(implied(Phi)), srmr_saturated = srmr(implied(C)),
            implied_construct_correlation = lapply(cons, function(i) as.list(Phi[i, ])))
names(out$implied_construct_correlation) <- cons
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE),
           "test/reference/ecsi/ecsi_srmr_reference.json")
cat("SRMR estimated", out$srmr_estimated, "saturated", out$srmr_saturated, "\n")
