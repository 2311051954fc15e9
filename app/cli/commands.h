#pragma once
// The layerlab-cli commands: each parses its options (argv[2] on), prints its --help, and returns the exit
// code. Bad input throws (UsageError, SpecError, ...): main prints it and exits with 2.
namespace layerlab::cli {

int cmdTrain(int argc, char** argv);
int cmdEvaluate(int argc, char** argv);
int cmdPredict(int argc, char** argv);
int cmdBench(int argc, char** argv);
int cmdExport(int argc, char** argv);
int cmdRuns(int argc, char** argv);
int cmdSweep(int argc, char** argv);
int cmdLesson(int argc, char** argv);
int cmdCompress(int argc, char** argv);

}  // namespace layerlab::cli
