# Reference values for issue 13 (f² by re-estimation, Mode B, PLSc, SRMR) on the ECSI mobi data.
# R 4.2.2, seminr 2.3.1 (GitHub sem-in-r/seminr, commit ae2524aae5f4f0bda3eb87faf80378af5baccea1).
# Run from the repository root:  Rscript test/reference/ecsi/seminr_extras.R
# Writes test/reference/ecsi/ecsi_extras_reference.json (committed; tests need no R).
suppressMessages({ library(seminr); library(jsonlite) })
d <- read.csv("test/reference/ecsi/ecsi_mobi.csv")
stopifnot(nrow(d) == 250)
blocks <- list(IMAG = paste0("IMAG", 1:5), EXPE = paste0("CUEX", 1:3), QUAL = paste0("PERQ", 1:7),
               VAL = paste0("PERV", 1:2), SAT = paste0("CUSA", 1:3), COM = "CUSCO",
               LOY = paste0("CUSL", 1:3))
sm <- relationships(
  paths(from = "IMAG", to = c("EXPE", "SAT", "LOY")),
  paths(from = "EXPE", to = c("QUAL", "VAL", "SAT")),
  paths(from = "QUAL", to = c("VAL", "SAT")),
  paths(from = "VAL", to = "SAT"),
  paths(from = "SAT", to = c("COM", "LOY")),
  paths(from = "COM", to = "LOY"))
path_list <- list(c("IMAG","EXPE"), c("IMAG","SAT"), c("IMAG","LOY"), c("EXPE","QUAL"),
                  c("EXPE","VAL"), c("EXPE","SAT"), c("QUAL","VAL"), c("QUAL","SAT"),
                  c("VAL","SAT"), c("SAT","COM"), c("SAT","LOY"), c("COM","LOY"))
mm_of <- function(kind) {
  do.call(constructs, lapply(names(blocks), function(k) {
    items <- blocks[[k]]
    w <- if (k %in% kind$modeB) mode_B else mode_A
    if (isTRUE(kind$reflective)) reflective(k, items) else composite(k, items, weights = w)
  }))
}
fit <- function(mm) estimate_pls(d, mm, sm, maxIt = 1000, stopCriterion = 12)
weights_of <- function(m) {
  w <- m$outer_weights; out <- list()
  for (k in names(blocks)) for (i in blocks[[k]]) out[[i]] <- w[i, k]
  out
}
loadings_of <- function(m) {
  l <- m$outer_loadings; out <- list()
  for (k in names(blocks)) for (i in blocks[[k]]) out[[i]] <- l[i, k]
  out
}
paths_of <- function(m) lapply(path_list, function(p)
  list(from = p[1], to = p[2], estimate = m$path_coef[p[1], p[2]]))
r2_of <- function(m) { r <- m$rSquared; as.list(r["Rsq", ]) }

# 1. f² (Hair et al. 2017): seminr re-estimates the model without each path (fSquared).
base <- fit(mm_of(list()))
f2 <- lapply(path_list, function(p) list(from = p[1], to = p[2], f2 = fSquared(base, p[1], p[2])))

# 2. Mode B: IMAG and QUAL formative (composite(..., weights = mode_B)), the rest Mode A.
mb <- fit(mm_of(list(modeB = c("IMAG", "QUAL"))))
smb <- summary(mb)
vif_items <- list()
for (k in c("IMAG", "QUAL")) {
  v <- smb$validity$vif_items[[k]]
  for (i in names(v)) vif_items[[i]] <- unname(v[i])
}

# 3. PLSc: every construct reflective() (Dijkstra & Henseler 2015 correction, seminr's PLSc).
pc <- fit(mm_of(list(reflective = TRUE)))

out <- list(
  source = paste("Rscript test/reference/ecsi/seminr_extras.R (seminr 2.3.1, R 4.2.2);",
                 "estimate_pls(maxIt = 1000, stopCriterion = 12), path weighting"),
  f_squared = list(note = "seminr::fSquared: whole model re-estimated without the path",
                   paths = f2),
  mode_b = list(note = "IMAG and QUAL composite(weights = mode_B); others mode_A",
                outer_weights = weights_of(mb), loadings = loadings_of(mb),
                path_coefficients = paths_of(mb), r_squared = r2_of(mb), outer_vif = vif_items),
  plsc = list(note = "all constructs reflective(): PLSc", loadings = loadings_of(pc),
              path_coefficients = paths_of(pc), r_squared = r2_of(pc))
)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE),
           "test/reference/ecsi/ecsi_extras_reference.json")
cat("written\n")
