# PLSpredict reference on the ECSI data: seminr 2.3.1 predict_pls(technique = predict_DA,
# noFolds = 10, reps = 10), R 4.2.2. Run from the repository root:
# Rscript test/reference/ecsi/plspredict.R
# Writes test/reference/ecsi/ecsi_plspredict_reference.json (out-of-sample RMSE and MAE per
# endogenous indicator for PLS and the LM benchmark, and the elapsed time). The folds are random:
# agreement with servqual is within Monte-Carlo error, not to the digit.
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
m <- suppressMessages(estimate_pls(d, mm, sm))
runs <- list()
times <- c()
for (s in 1:5) {
  set.seed(s)
  t0 <- proc.time()
  pr <- suppressMessages(
    predict_pls(m, technique = predict_DA, noFolds = 10, reps = 10, cores = 1)
  )
  times <- c(times, (proc.time() - t0)[["elapsed"]])
  sp <- summary(pr)
  runs[[s]] <- list(pls_rmse = as.list(sp$PLS_out_of_sample["RMSE", ]),
                    pls_mae = as.list(sp$PLS_out_of_sample["MAE", ]),
                    lm_rmse = as.list(sp$LM_out_of_sample["RMSE", ]),
                    lm_mae = as.list(sp$LM_out_of_sample["MAE", ]))
}
out <- list(source = paste("Rscript test/reference/ecsi/plspredict.R",
                           "(seminr 2.3.1, R 4.2.2; seeds 1-5, cores = 1)"),
            elapsed_seconds = times, runs = runs)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE),
           "test/reference/ecsi/ecsi_plspredict_reference.json")
cat("elapsed", times, "\n")
