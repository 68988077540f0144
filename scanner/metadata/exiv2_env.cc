#include "scanner/metadata/exiv2_env.h"

#include <exiv2/exiv2.hpp>

#include <mutex>

#include "scanner/util/text.h"

namespace mediascan {
namespace {

thread_local std::vector<std::string>* t_sink = nullptr;

void log_handler(int level, const char* message) {
  if (t_sink == nullptr || level < Exiv2::LogMsg::warn) return;
  std::string m = util::to_valid_utf8(message ? message : "");
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  if (t_sink->size() < 20) t_sink->push_back(std::move(m));
}

void xmp_lock(void* data, bool lock) {
  auto* m = static_cast<std::mutex*>(data);
  if (lock) m->lock();
  else m->unlock();
}

}  // namespace

void init_exiv2() {
  static std::once_flag once;
  std::call_once(once, [] {
    static std::mutex xmp_mutex;
    Exiv2::XmpParser::initialize(xmp_lock, &xmp_mutex);
    Exiv2::enableBMFF(true);
    Exiv2::LogMsg::setLevel(Exiv2::LogMsg::warn);
    Exiv2::LogMsg::setHandler(log_handler);
  });
}

LogCapture::LogCapture() : previous_(t_sink) { t_sink = &messages_; }
LogCapture::~LogCapture() { t_sink = previous_; }

}  // namespace mediascan
