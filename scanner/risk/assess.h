// Turns an item's findings into a risk score, a level and a recommended action.
// Thread-safety: a Policy is constant after construction; assess() is safe to call from any
// thread on distinct items.
#pragma once

#include <map>

#include "scanner/core/item.h"

namespace mediascan {

struct Policy {
  // How much one certain finding of a category weighs (0..1).
  std::map<Category, double> weight = {
      {Category::location, 0.6},  {Category::identity, 0.3},  {Category::people, 0.4},
      {Category::nightlife, 0.7}, {Category::alcohol, 0.7},   {Category::explicit_content, 1.0},
      {Category::document, 0.6},  {Category::text, 0.5}};
  // Lowest score of each level.
  double high = 0.8;
  double medium = 0.5;
  double low = 0.15;
};

// Sets item.score, level, action and reason from item.findings. Signals from different
// categories add up (a group photo at night with a drinking caption is worse than each alone);
// findings already fixed in the cleaned export no longer count.
void assess(Item& item, const Policy& policy);

}  // namespace mediascan
