#include "scanner/batch/worker.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <map>
#include <stdexcept>

#include "scanner/util/text.h"

namespace mediascan::batch {
namespace {

using Clock = std::chrono::steady_clock;

// A line longer than this is no event of ours: dropped, so a confused child cannot make the
// parent buffer without bound.
constexpr size_t kMaxLine = 1 << 20;

void set_limit(int resource, uint64_t soft, uint64_t hard) {
  const rlimit r{rlim_t(soft), rlim_t(hard)};
  ::setrlimit(resource, &r);
}

// Between fork and exec: async-signal-safe calls only.
[[noreturn]] void exec_child(char* const* argv, const WorkerLimits& limits, pid_t parent, int event_fd,
                             int log_fd, int null_fd) {
  ::setpgid(0, 0);
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(127);
  set_limit(RLIMIT_CORE, 0, 0);
#if !defined(__SANITIZE_ADDRESS__)  // ASan reserves terabytes of shadow address space
  if (limits.address_space) set_limit(RLIMIT_AS, limits.address_space, limits.address_space);
#endif
  if (limits.cpu_seconds) set_limit(RLIMIT_CPU, limits.cpu_seconds, limits.cpu_seconds + 5);
  if (limits.file_size) set_limit(RLIMIT_FSIZE, limits.file_size, limits.file_size);
  if (::dup2(null_fd, 0) < 0 || ::dup2(log_fd, 1) < 0 || ::dup2(log_fd, 2) < 0 || ::dup2(event_fd, kEventFd) < 0)
    ::_exit(127);
  ::close_range(kEventFd + 1, ~0U, 0);
  ::execv(argv[0], argv);
  ::_exit(127);
}

const char* signal_name(int sig) {
  switch (sig) {
    case SIGSEGV: return "SIGSEGV";
    case SIGABRT: return "SIGABRT";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGILL: return "SIGILL";
    case SIGKILL: return "SIGKILL";
    case SIGXCPU: return "SIGXCPU (CPU time limit)";
    case SIGXFSZ: return "SIGXFSZ (file size limit)";
    case SIGTERM: return "SIGTERM";
    default: return nullptr;
  }
}

// Splits what came from the pipe into lines and hands each event on; keeps the in-flight set.
class EventReader {
 public:
  EventReader(const std::function<void(const nlohmann::json&)>& on_event, WorkerOutcome& out)
      : on_event_(on_event), out_(out) {}

  void feed(std::string_view data) {
    for (char c : data) {
      if (c != '\n') {
        if (line_.size() < kMaxLine) line_ += c;
        else overlong_ = true;
        continue;
      }
      if (!overlong_) handle(line_);
      line_.clear();
      overlong_ = false;
    }
  }

  // Entries in flight longer than `timeout`, oldest first.
  std::vector<std::string> overdue(std::chrono::milliseconds timeout, Clock::time_point now) const {
    std::vector<std::string> out;
    for (const auto& [path, flight] : begun_)
      if (now - flight.since > timeout) out.push_back(path);
    return out;
  }
  // When the oldest entry in flight runs out of time.
  std::optional<Clock::time_point> next_deadline(std::chrono::milliseconds timeout) const {
    std::optional<Clock::time_point> first;
    for (const auto& [path, flight] : begun_)
      if (!first || flight.since < *first) first = flight.since;
    if (first) *first += timeout;
    return first;
  }
  std::vector<std::string> in_flight() const {
    std::vector<std::string> out;
    for (const auto& [path, flight] : begun_) out.push_back(path);
    return out;
  }

 private:
  void handle(const std::string& line) {
    const nlohmann::json event = nlohmann::json::parse(line, nullptr, false);
    if (!event.is_object() || !event.contains("event") || !event["event"].is_string()) return;
    const std::string kind = event["event"];
    const std::string path = get_path(event);
    // Counted: two parts of a split export may hold entries of the same path.
    if (kind == "begin") {
      auto [it, fresh] = begun_.try_emplace(path, Flight{Clock::now(), 0});
      ++it->second.count;
    } else if (kind == "end") {
      if (auto it = begun_.find(path); it != begun_.end() && --it->second.count == 0) begun_.erase(it);
    }
    else if (kind == "phase" && event.contains("phase") && event["phase"].is_string()) out_.phase = event["phase"];
    on_event_(event);
  }

  const std::function<void(const nlohmann::json&)>& on_event_;
  WorkerOutcome& out_;
  struct Flight {
    Clock::time_point since;  // of the first still in flight
    int count = 0;
  };
  std::map<std::string, Flight> begun_;
  std::string line_;
  bool overlong_ = false;
};

}  // namespace

std::string WorkerOutcome::describe() const {
  switch (end) {
    case End::exited: return "exit status " + std::to_string(status);
    case End::timed_out: return "hung (no progress within the time allowed per entry)";
    case End::out_of_time: return "ran out of the time allowed for the whole export";
    case End::signalled:
      if (const char* name = signal_name(status)) return std::string("killed by ") + name;
      return "killed by signal " + std::to_string(status);
  }
  return {};
}

bool WorkerOutcome::over_a_limit() const {
  return end == End::out_of_time || (end == End::signalled && (status == SIGXCPU || status == SIGXFSZ));
}

WorkerOutcome run_worker(const std::vector<std::string>& args, const WorkerLimits& limits,
                         const std::filesystem::path& log,
                         const std::function<void(const nlohmann::json&)>& on_event) {
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("cannot create a pipe: ") + std::strerror(errno));
  const int log_fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  const int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (log_fd < 0 || null_fd < 0) {
    const std::string why = std::strerror(errno);
    for (int fd : {pipe_fds[0], pipe_fds[1], log_fd, null_fd})
      if (fd >= 0) ::close(fd);
    throw std::runtime_error("cannot open " + log.string() + ": " + why);
  }
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid == 0) exec_child(argv.data(), limits, parent, pipe_fds[1], log_fd, null_fd);
  const int fork_errno = errno;
  ::close(pipe_fds[1]);
  ::close(log_fd);
  ::close(null_fd);
  if (pid < 0) {
    ::close(pipe_fds[0]);
    throw std::runtime_error(std::string("cannot start a worker process: ") + std::strerror(fork_errno));
  }
  ::setpgid(pid, pid);  // also here, so the kill below finds the group whoever runs first

  WorkerOutcome out;
  EventReader reader(on_event, out);
  const auto started = Clock::now();
  std::string buffer(64 << 10, '\0');
  enum class Stop { eof, entry_timeout, total_timeout } stop = Stop::eof;
  try {
    for (;;) {
      const auto now = Clock::now();
      if (limits.total_timeout.count() > 0 && now - started > limits.total_timeout) {
        stop = Stop::total_timeout;
        break;
      }
      if (limits.entry_timeout.count() > 0) {
        auto late = reader.overdue(limits.entry_timeout, now);
        if (!late.empty()) {
          out.in_flight = std::move(late);
          stop = Stop::entry_timeout;
          break;
        }
      }
      int wait_ms = 1000;
      if (limits.entry_timeout.count() > 0)
        if (auto deadline = reader.next_deadline(limits.entry_timeout)) {
          const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - now).count();
          wait_ms = int(std::clamp<long long>(left + 1, 0, 1000));
        }
      pollfd p{pipe_fds[0], POLLIN, 0};
      const int ready = ::poll(&p, 1, wait_ms);
      if (ready < 0 && errno != EINTR) break;
      if (ready <= 0) continue;
      const ssize_t n = ::read(pipe_fds[0], buffer.data(), buffer.size());
      if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
      if (n <= 0) break;  // the child closed its end: it is ending
      reader.feed(std::string_view(buffer.data(), size_t(n)));
    }
  } catch (...) {
    // on_event failed (the journal, memory): the child must not outlive this call.
    ::kill(-pid, SIGKILL);
    ::close(pipe_fds[0]);
    while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
    }
    throw;
  }
  // Killed while the child is still unreaped: its process group id cannot have been reused.
  if (stop != Stop::eof) ::kill(-pid, SIGKILL);
  ::close(pipe_fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (stop == Stop::entry_timeout) {
    out.end = WorkerOutcome::End::timed_out;
    out.status = SIGKILL;
  } else if (stop == Stop::total_timeout) {
    out.end = WorkerOutcome::End::out_of_time;
    out.status = SIGKILL;
  } else if (WIFSIGNALED(status)) {
    out.end = WorkerOutcome::End::signalled;
    out.status = WTERMSIG(status);
    out.in_flight = reader.in_flight();
  } else {
    out.end = WorkerOutcome::End::exited;
    out.status = WEXITSTATUS(status);
    if (out.status != 0) out.in_flight = reader.in_flight();
  }
  return out;
}

void put_path(nlohmann::json& j, const std::string& path) {
  if (util::is_valid_utf8(path)) {
    j["path"] = path;
    return;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char c : path) {
    hex += kHex[c >> 4];
    hex += kHex[c & 15];
  }
  j["path_hex"] = hex;
}

std::string get_path(const nlohmann::json& j) {
  if (auto p = j.find("path"); p != j.end() && p->is_string()) return p->get<std::string>();
  auto h = j.find("path_hex");
  if (h == j.end() || !h->is_string()) return {};
  const std::string& hex = h->get_ref<const std::string&>();
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    unsigned value = 0;
    if (std::from_chars(hex.data() + i, hex.data() + i + 2, value, 16).ptr != hex.data() + i + 2) return {};
    out += char(value);
  }
  return out;
}

void harden_worker_process() {
  ::prctl(PR_SET_DUMPABLE, 0);  // execve made it dumpable again; RLIMIT_CORE is not enough for piped core handlers
  const rlimit none{0, 0};
  ::setrlimit(RLIMIT_CORE, &none);
}

void EventWriter::send(const nlohmann::json& event) {
  std::string line = event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  line += '\n';
  std::lock_guard lock(mu_);
  std::string_view rest = line;
  while (!rest.empty()) {
    const ssize_t n = ::write(fd_, rest.data(), rest.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // the parent is gone; PR_SET_DEATHSIG ends us
    rest.remove_prefix(size_t(n));
  }
}

}  // namespace mediascan::batch
