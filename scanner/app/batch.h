// `mediascan batch INBOX --out DIR`: every export of the inbox scanned in a worker process of
// its own, one report set each, an index over them, and a journal that makes the next run do
// only what changed. See README.md, "Nightly batch".
#pragma once

#include <memory>
#include <string>

#include "scanner/app/options.h"
#include "scanner/batch/worker.h"
#include "scanner/pipeline/pipeline.h"

namespace mediascan {

// REQUIRES: o.command == Command::batch, options validated by parse_options.
int run_batch_command(const Options& o);

// The scan's side of the batch's worker protocol (scanner/batch/worker.h), when the scan runs
// in a worker process (--worker-events). Thread-safety: the hooks it attaches may be called from
// any thread.
class WorkerSide {
 public:
  // Hardens the process and reads --skip-list. Throws std::runtime_error on a bad skip list.
  explicit WorkerSide(const Options& o);
  void phase(const char* name);
  void attach(ScanConfig& config);  // entry events and the poison entries
  void summary(const RunResult& result);

 private:
  batch::EventWriter events_;
  std::map<std::string, std::string> skip_;
  std::string fault_crash_, fault_hang_;  // MEDIASCAN_FAULT_INJECTION, for the batch's tests
  int fault_reader_ = 0;                  // only the serial reader touches it
};

}  // namespace mediascan
