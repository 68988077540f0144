#include "scanner/risk/assess.h"

#include <algorithm>
#include <set>

namespace mediascan {
namespace {

std::string describe(Category c) {
  switch (c) {
    case Category::location: return "location recorded";
    case Category::identity: return "identifying details";
    case Category::people: return "identifiable people";
    case Category::nightlife: return "bar or party scene";
    case Category::alcohol: return "alcohol";
    case Category::explicit_content: return "explicit content";
    case Category::document: return "a document";
    case Category::text: return "risky text";
  }
  return "finding";
}

}  // namespace

void assess(Item& item, const Policy& policy) {
  std::map<Category, double> strongest;  // per category, the most confident open finding
  bool any_fixed = false;
  for (const Finding& f : item.findings) {
    if (f.fixed) {
      any_fixed = true;
      continue;
    }
    double& s = strongest[f.category];
    s = std::max(s, std::clamp(f.confidence, 0.0, 1.0));
  }
  // Independent signals combine like probabilities: 1 - prod(1 - w_c * conf_c).
  double keep = 1.0;
  std::string reason;
  for (const auto& [category, confidence] : strongest) {
    const auto w = policy.weight.find(category);
    keep *= 1.0 - (w == policy.weight.end() ? 0.0 : w->second) * confidence;
    if (!reason.empty()) reason += ", ";
    reason += describe(category);
  }
  item.score = 1.0 - keep;
  item.level = item.score >= policy.high     ? Level::high
               : item.score >= policy.medium ? Level::medium
               : item.score >= policy.low    ? Level::low
                                             : Level::ok;
  switch (item.level) {
    case Level::high: item.action = Action::remove; break;
    case Level::medium: case Level::low: item.action = Action::restrict; break;
    case Level::ok: item.action = any_fixed ? Action::fixed : Action::ok; break;
  }
  if (reason.empty() && any_fixed) reason = "location removed in the cleaned export";
  item.reason = reason;
}

}  // namespace mediascan
