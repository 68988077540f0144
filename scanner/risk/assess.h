// Risk assessment: findings -> a score, a level and a recommended action per item, under a
// policy an agency can replace (--policy FILE.json, schema "mediascan.policy/1"); then, over the
// whole run, copies of the same picture and places that recur.
//
// Thread-safety: a Policy is constant after construction; assess() is safe to call from any
// thread on distinct items; analyse_run() is called once, by one thread, at the end.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/core/item.h"
#include "scanner/core/item_store.h"
#include "scanner/core/run_analysis.h"

namespace mediascan {

struct CategoryRule {
  bool enabled = true;
  double weight = 0.5;     // how much one certain finding of the category weighs (0..1)
  double threshold = 0.0;  // findings less confident than this are shown but do not count
  std::optional<Level> at_least;  // any counted finding lifts the item to at least this level
};

struct Policy {
  std::map<Category, CategoryRule> categories;
  // Text topics ("text:alcohol", "text:personal_data", ... in the file); a topic the policy does
  // not name follows the "text" category's rule.
  std::map<std::string, CategoryRule> text_topics;
  double high = 0.8, medium = 0.5, low = 0.15;  // lowest score of each level
  std::map<Level, Action> actions;

  // The shipped default (scanner/risk/default_policy.json, built into the program).
  static Policy defaults();
  // Parses a policy; categories and fields it leaves out keep the default.
  // Throws std::runtime_error with a message naming the problem.
  static Policy parse(std::string_view json);
  // The same, on top of `base` instead of the default.
  static Policy parse(std::string_view json, const Policy& base);

  // The "text:" topics the policy names ("text:alchohol") that are not in `known` (what the
  // text check can find): a misspelt topic would never apply.
  std::vector<std::string> unknown_text_topics(const std::set<std::string>& known) const;

  // The rule that counts `f`, and the name it is reported under ("alcohol", "text:drugs").
  std::pair<const CategoryRule*, std::string> rule_for(const Finding& f) const;
};

// Sets item.score, level, action and reason from item.findings. Signals from different
// categories add up (a group photo at night with a drinking caption is worse than each alone);
// findings already fixed in the cleaned export no longer count.
void assess(Item& item, const Policy& policy);

// Groups copies (same bytes, or the same picture re-encoded: perceptual hashes within 3 bits)
// and clusters coordinates within ~150 m; a place with 3+ items is recurring, and one where
// most were taken at night is likely home. Reads the items once and keeps a few dozen bytes
// of each; linear in their number (hash buckets and a spatial grid; two crowded cells near
// each other are compared box of ~10 m by box of ~10 m, point with point only where boxes
// straddle 150 m).
RunAnalysis analyse_run(const ItemStore& items);

// Adds the "recurring_place" finding to an item of `place` (REQUIRES: after its other findings
// are marked fixed or not: it is fixed when none of the item's coordinates is left).
void add_place_finding(Item& item, const Place& place);

Category category_from_string(std::string_view s, bool& ok);
std::optional<Level> level_from_string(std::string_view s);

}  // namespace mediascan
