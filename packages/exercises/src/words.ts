// @barrier-lab/exercises/words: the sentences a check's result is told in,
// for surfaces that show results without running checks (the site's pages,
// whose checks run in a worker). Imports nothing that runs the engine.
export {
  predictionHeading, predictionBlock, predictionBlockLines, whyForbiddenLine, wrongPredictionsSummary, type PredictionBlock, type ExplanationsPlace,
} from './check/prediction-words.ts';
