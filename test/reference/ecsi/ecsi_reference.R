# Reference values for test/core/pls/ecsi.test.ts and laws.test.ts: seminr's estimates for two
# models on the ECSI mobile-phone data (seminr::mobi, exported unchanged to ecsi_mobi.csv).
# Produces ecsi_mobi_reference.json's model values (R 4.2.2, seminr 2.3.1; plspm 0.4.9 as the
# independent cross-check). Run from the repository root:
#   Rscript test/reference/ecsi/ecsi_reference.R > /tmp/ecsi.json
# and compare with the committed JSON (values agree to ~1e-12; the JSON's `conventions` say what
# each number means).
suppressPackageStartupMessages({ library(seminr); library(jsonlite) })

mobi <- read.csv("test/reference/ecsi/ecsi_mobi.csv")
stopifnot(nrow(mobi) == 250, ncol(mobi) == 24)

blocks <- list(
  IMAG = paste0("IMAG", 1:5), EXPE = paste0("CUEX", 1:3), QUAL = paste0("PERQ", 1:7),
  VAL = paste0("PERV", 1:2), SAT = paste0("CUSA", 1:3), COM = "CUSCO", LOY = paste0("CUSL", 1:3)
)
mm_of <- function(ids) do.call(constructs, lapply(ids, function(id)
  composite(id, blocks[[id]], weights = mode_A)))

models <- list(
  ecsi_full = list(
    mm = mm_of(names(blocks)),
    sm = relationships(
      paths(from = "IMAG", to = c("EXPE", "SAT", "LOY")),
      paths(from = "EXPE", to = c("QUAL", "VAL", "SAT")),
      paths(from = "QUAL", to = c("VAL", "SAT")),
      paths(from = "VAL", to = "SAT"),
      paths(from = "SAT", to = c("COM", "LOY")),
      paths(from = "COM", to = "LOY")
    )
  ),
  chain = list(
    mm = mm_of(c("QUAL", "SAT", "LOY")),
    sm = relationships(paths(from = "QUAL", to = c("SAT", "LOY")), paths(from = "SAT", to = "LOY"))
  )
)

named <- function(m) setNames(as.list(m), names(m))

# IPMA (Ringle & Sarstedt 2016; seminr 2.3.1 has no IPMA function, so it is computed here from
# seminr's estimates as the JSON's conventions$ipma describe): items rescaled to 0-100 by the
# theoretical scale ends 1 and 10; rescaled weights = standardized weight / SD of the rescaled
# item, normalized to sum 1 per construct; performance = mean of the 0-100 construct scores;
# importance = unstandardized total effect on the target, from OLS paths on the 0-100 scores.
ipma <- function(fit, B, target) {
  ids <- colnames(B)
  rw <- list(); score <- sapply(ids, function(id) {
    it <- blocks[[id]]; x <- (as.matrix(mobi[, it, drop = FALSE]) - 1) / 9 * 100
    w <- rowSums(fit$outer_weights)[it] / apply(x, 2, sd); w <- w / sum(w)
    rw[[id]] <<- w
    x %*% w
  })
  Bu <- B
  for (to in ids) {
    from <- ids[B[, to] != 0]
    if (length(from) > 0) Bu[from, to] <- coef(lm(score[, to] ~ score[, from, drop = FALSE]))[-1]
  }
  total <- solve(diag(nrow(Bu)) - Bu) - diag(nrow(Bu)); dimnames(total) <- dimnames(Bu)
  list(target = target, scale_min = 1, scale_max = 10,
       constructs = lapply(ids, function(id) list(construct = id,
         importance = if (id == target) NULL else total[id, target],
         performance = mean(score[, id]))),
       target_performance = mean(score[, target]),
       rescaled_outer_weights = named(unlist(unname(rw))))
}
out <- list()
for (name in names(models)) {
  fit <- estimate_pls(mobi, models[[name]]$mm, models[[name]]$sm,
                      inner_weights = path_weighting, maxIt = 1000, stopCriterion = 12)
  s <- summary(fit)
  items <- unlist(blocks[colnames(fit$path_coef)], use.names = FALSE)
  w <- rowSums(fit$outer_weights)[items]
  l <- rowSums(fit$outer_loadings)[items]
  B <- fit$path_coef
  pc <- which(B != 0, arr.ind = TRUE)
  rel <- s$reliability
  total <- solve(diag(nrow(B)) - B) - diag(nrow(B)); dimnames(total) <- dimnames(B)
  tt <- which(abs(total) > 1e-15, arr.ind = TRUE)
  out[[name]] <- list(
    iterations = fit$iterations,
    outer_weights = named(w), loadings = named(l),
    path_coefficients = lapply(seq_len(nrow(pc)), function(i) list(
      from = rownames(B)[pc[i, 1]], to = colnames(B)[pc[i, 2]], estimate = B[pc[i, 1], pc[i, 2]])),
    r_squared = named(s$paths["R^2", ]), r_squared_adjusted = named(s$paths["AdjR^2", ]),
    cronbach_alpha = named(rel[, "alpha"]), rho_a = named(rel[, "rhoA"]),
    rho_c = named(rel[, "rhoC"]), ave = named(rel[, "AVE"]),
    htmt = {
      h <- s$validity$htmt; k <- which(!is.na(h) & lower.tri(h), arr.ind = TRUE)
      k <- k[order(k[, 2], k[, 1]), , drop = FALSE]
      lapply(seq_len(nrow(k)), function(i) list(construct_1 = colnames(h)[k[i, 2]],
        construct_2 = rownames(h)[k[i, 1]], htmt = h[k[i, 1], k[i, 2]]))
    },
    total_effects = lapply(seq_len(nrow(tt)), function(i) list(
      from = rownames(total)[tt[i, 1]], to = colnames(total)[tt[i, 2]],
      direct = B[tt[i, 1], tt[i, 2]], total = total[tt[i, 1], tt[i, 2]])),
    construct_scores_first5 = lapply(1:5, function(i) named(round(fit$construct_scores[i, ], 12))),
    ipma = ipma(fit, B, "LOY")
  )
}
cat(toJSON(out, digits = 15, auto_unbox = TRUE, pretty = TRUE))
