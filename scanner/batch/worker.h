// Runs one scan in a child process, so that a crash or hang on a crafted file (exiv2, libarchive
// and OpenCV have had both) costs that child, never the batch. The child runs with resource
// limits and tells the parent, on a pipe, which entries it is working on; the parent enforces a
// wall-clock limit per entry and, when the child dies, knows which entries were in flight.
//
// The protocol, one JSON object per line on the child's fd 3:
//   {"event":"phase","phase":"index"|"scan"|"report"}
//   {"event":"begin","path":P}            analysis (or the cleaned copy's re-check) of P starts
//   {"event":"end","path":P,"sha256":H}   ... and ends
//   {"event":"summary", ...}               the outcome, once the reports are written
// A path that is not valid UTF-8 travels as "path_hex" instead of "path" (put_path, get_path):
// entry names are bytes, and the poison list must match them exactly.
//
// Thread-safety: run_worker blocks its calling thread; an EventWriter may be shared by threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace mediascan::batch {

inline constexpr int kEventFd = 3;

struct WorkerLimits {
  uint64_t address_space = 0;  // bytes of virtual memory; 0: none
  uint64_t cpu_seconds = 0;    // 0: none
  uint64_t file_size = 0;      // largest file it may write, bytes; 0: none
  std::chrono::milliseconds entry_timeout{0};  // wall clock per entry; 0: none
  std::chrono::milliseconds total_timeout{0};  // wall clock for the whole run; 0: none
};

struct WorkerOutcome {
  // timed_out: an entry went over its time (in_flight names it); out_of_time: the whole run did.
  enum class End { exited, signalled, timed_out, out_of_time };
  End end = End::exited;
  int status = 0;                       // exit code, or the signal that ended it
  std::vector<std::string> in_flight;   // entries it was on when it died (timed out: those over time)
  std::string phase;                    // the last phase it announced
  std::string describe() const;         // "killed by SIGSEGV", "exit status 3", ...
  // Ended by a limit on the whole run (CPU time, file size, wall clock), not by one entry.
  bool over_a_limit() const;
};

// Runs argv[0] (a path to an executable) with `argv`, standard input from /dev/null, standard
// output and error appended to `log`, the events pipe on fd 3 and the limits, in its own process
// group, killed if this process dies. `on_event` gets every event line that parses. Returns when
// the child has ended (killing it, and its group, when an entry is over its time).
// Throws std::runtime_error when the child cannot be started.
WorkerOutcome run_worker(const std::vector<std::string>& argv, const WorkerLimits& limits,
                         const std::filesystem::path& log,
                         const std::function<void(const nlohmann::json&)>& on_event);

// An entry path into `j` as "path", or "path_hex" when it is not valid UTF-8; and back.
void put_path(nlohmann::json& j, const std::string& path);
std::string get_path(const nlohmann::json& j);

// In the child, before anything reads the export: no core dumps (they would hold private
// photos), and no life after the parent's.
void harden_worker_process();

// The child's side of the pipe: whole lines, one write each, from any thread.
class EventWriter {
 public:
  explicit EventWriter(int fd) : fd_(fd) {}
  void send(const nlohmann::json& event);

 private:
  int fd_;
  std::mutex mu_;
};

}  // namespace mediascan::batch
