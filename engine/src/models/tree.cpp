#include "models/tree.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace lab {
namespace {

constexpr double kEpsilon = std::numeric_limits<double>::epsilon();  // scikit-learn's EPSILON
constexpr float kFeatureThreshold = 1e-7f;                           // values closer than this are not split apart

// Running sums of one side of a split. Gini reads w and the class counts; the squared-error
// criteria read w, sum and squares.
struct Side {
  double w = 0, sum = 0, squares = 0;
  std::vector<double> counts;  // Gini: rows of each class
  void add(double y) {
    w += 1;
    sum += y;
    squares += y * y;
    if (!counts.empty()) counts[static_cast<std::size_t>(y)] += 1;
  }
  // this = a - b, reusing this side's storage.
  void set_difference(const Side& a, const Side& b) {
    w = a.w - b.w;
    sum = a.sum - b.sum;
    squares = a.squares - b.squares;
    counts.resize(a.counts.size());
    for (std::size_t k = 0; k < counts.size(); ++k) counts[k] = a.counts[k] - b.counts[k];
  }
};

// Same formulas as scikit-learn's Gini, MSE and FriedmanMSE criteria, so equal splits compare
// equal.
double impurity(const Side& s, SplitCriterion c) {
  if (c == SplitCriterion::Gini) {
    double sq = 0;
    for (double n : s.counts) sq += n * n;
    return 1.0 - sq / (s.w * s.w);
  }
  const double mean = s.sum / s.w;
  return s.squares / s.w - mean * mean;
}

double proxy_improvement(const Side& l, const Side& r, SplitCriterion c) {
  if (c == SplitCriterion::Gini) return -r.w * impurity(r, c) - l.w * impurity(l, c);
  if (c == SplitCriterion::SquaredError) return l.sum * l.sum / l.w + r.sum * r.sum / r.w;
  const double diff = r.w * l.sum - l.w * r.sum;
  return diff * diff / (l.w * r.w);
}

double improvement(const Side& node, const Side& l, const Side& r, double node_impurity, double total,
                   SplitCriterion c) {
  if (c != SplitCriterion::FriedmanMse)
    return node.w / total * (node_impurity - r.w / node.w * impurity(r, c) - l.w / node.w * impurity(l, c));
  const double diff = r.w * l.sum - l.w * r.sum;
  return diff * diff / (l.w * r.w * total);
}

struct Split {
  bool found = false;
  int feature = -1;
  float threshold = 0;
  double proxy = -std::numeric_limits<double>::infinity();
  Side left, right;
};

class Builder {
 public:
  Builder(const FloatRows& X, const Eigen::VectorXd& y, const SortedColumns& sorted, const TreeOptions& o,
          SplitCriterion c, int classes)
      : X_(X),
        y_(y),
        sorted_(sorted),
        options_(o),
        criterion_(c),
        classes_(c == SplitCriterion::Gini ? classes : 0),
        mark_(static_cast<std::size_t>(X.rows()), -1) {}

  Tree run(const std::vector<int>& rows) {
    Side all = empty_side();
    for (int r : rows) all.add(y_(r));
    total_ = all.w;
    grow(rows, all, impurity(all, criterion_), 0);
    return std::move(tree_);
  }

 private:
  int grow(const std::vector<int>& rows, const Side& stats, double node_impurity, int depth) {
    const int id = static_cast<int>(tree_.nodes.size());
    TreeNode node;
    node.samples = static_cast<int>(rows.size());
    node.impurity = node_impurity;
    if (criterion_ != SplitCriterion::Gini) {
      node.value = stats.sum / stats.w;
    } else if (classes_ == 2) {
      node.value = stats.counts[1] / stats.w;
    } else {
      node.shares.resize(stats.counts.size());
      for (std::size_t k = 0; k < stats.counts.size(); ++k) node.shares[k] = stats.counts[k] / stats.w;
    }
    tree_.nodes.push_back(node);

    const int n = node.samples;
    bool leaf = depth >= options_.max_depth || n < options_.min_samples_split || n < 2 * options_.min_samples_leaf ||
                node_impurity <= kEpsilon;
    Split best;
    if (!leaf) {
      best = find_split(rows, id);
      leaf = !best.found || improvement(stats, best.left, best.right, node_impurity, total_, criterion_) + kEpsilon < 0;
    }
    if (leaf) return id;

    std::vector<int> left, right;
    const auto f = static_cast<Eigen::Index>(best.feature);
    for (int r : rows) (X_(r, f) <= best.threshold ? left : right).push_back(r);
    tree_.nodes[static_cast<std::size_t>(id)].feature = best.feature;
    tree_.nodes[static_cast<std::size_t>(id)].threshold = best.threshold;
    const int l = grow(left, best.left, impurity(best.left, criterion_), depth + 1);
    tree_.nodes[static_cast<std::size_t>(id)].left = l;
    const int r = grow(right, best.right, impurity(best.right, criterion_), depth + 1);
    tree_.nodes[static_cast<std::size_t>(id)].right = r;
    return id;
  }

  // The node's rows in ascending order of feature f, ties by row index. Large nodes filter the
  // presorted column (O(all rows)); small ones sort their own rows (O(n log n)), so deep trees
  // on many rows stay fast. Both give the same order, hence the same tree.
  void rows_sorted_by(int f, const std::vector<int>& rows, int id, std::vector<int>& out) const {
    out.clear();
    const double n = static_cast<double>(rows.size());
    if (n * std::log2(n + 1) >= static_cast<double>(X_.rows())) {
      for (int r : sorted_.order[static_cast<std::size_t>(f)])
        if (mark_[static_cast<std::size_t>(r)] == id) out.push_back(r);
      return;
    }
    out = rows;
    std::sort(out.begin(), out.end(), [&](int a, int b) {
      const float xa = X_(a, f), xb = X_(b, f);
      return xa < xb || (xa == xb && a < b);
    });
  }

  Side empty_side() const {
    Side s;
    s.counts.assign(static_cast<std::size_t>(classes_), 0.0);
    return s;
  }

  Split find_split(const std::vector<int>& rows, int id) {
    for (int r : rows) mark_[static_cast<std::size_t>(r)] = id;
    Side total = empty_side(), right = empty_side();
    for (int r : rows) total.add(y_(r));
    Split best;
    std::vector<int> in_node;
    in_node.reserve(rows.size());
    const int n = static_cast<int>(rows.size());
    const int min_leaf = options_.min_samples_leaf;
    for (int f = 0; f < static_cast<int>(X_.cols()); ++f) {
      rows_sorted_by(f, rows, id, in_node);
      auto value = [&](int k) { return X_(in_node[static_cast<std::size_t>(k)], f); };
      if (value(n - 1) <= value(0) + kFeatureThreshold) continue;  // constant in this node
      Side left = empty_side();
      for (int p = 1; p < n; ++p) {
        left.add(y_(in_node[static_cast<std::size_t>(p - 1)]));
        if (value(p) <= value(p - 1) + kFeatureThreshold) continue;
        if (p < min_leaf || n - p < min_leaf) continue;
        right.set_difference(total, left);
        const double proxy = proxy_improvement(left, right, criterion_);
        if (proxy > best.proxy) {
          best.found = true;
          best.proxy = proxy;
          best.feature = f;
          best.left = left;
          best.right = right;
          // scikit-learn's midpoint, kept as a float32 that still separates the two values.
          const float a = value(p - 1), b = value(p);
          float t = static_cast<float>(a / 2.0 + b / 2.0);
          if (t >= b || std::isinf(t)) t = a;
          best.threshold = t;
        }
      }
    }
    return best;
  }

  const FloatRows& X_;
  const Eigen::VectorXd& y_;
  const SortedColumns& sorted_;
  TreeOptions options_;
  SplitCriterion criterion_;
  int classes_;            // Gini: the class count (counts per side); 0 for the squared-error criteria
  std::vector<int> mark_;  // row -> id of the node whose split is being searched
  double total_ = 0;
  Tree tree_;
};

// The weakest-link loop of scikit-learn's _cost_complexity_prune. Stops before pruning a link
// whose effective alpha exceeds `stop_above`; returns the nodes that are leaves afterwards.
std::vector<char> weakest_link_prune(const Tree& tree, double stop_above, CcpPath* path) {
  const std::size_t n = tree.nodes.size();
  const double total = tree.nodes[0].samples;
  std::vector<int> parent(n, -1), n_leaves(n, 0);
  std::vector<double> r_node(n), r_branch(n, 0);
  std::vector<char> leaf(n, 0), candidate(n, 0), in_subtree(n, 1);
  for (std::size_t i = 0; i < n; ++i) {
    const TreeNode& t = tree.nodes[i];
    r_node[i] = t.samples * t.impurity / total;
    if (t.is_leaf())
      leaf[i] = 1;
    else
      parent[static_cast<std::size_t>(t.left)] = parent[static_cast<std::size_t>(t.right)] = static_cast<int>(i);
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!leaf[i]) continue;
    r_branch[i] = r_node[i];
    for (int j = parent[i]; j >= 0; j = parent[static_cast<std::size_t>(j)]) {
      r_branch[static_cast<std::size_t>(j)] += r_node[i];
      n_leaves[static_cast<std::size_t>(j)] += 1;
    }
  }
  for (std::size_t i = 0; i < n; ++i) candidate[i] = !leaf[i];
  auto record = [&](double alpha, int node) {
    if (!path) return;
    path->ccp_alphas.push_back(alpha);
    path->impurities.push_back(r_branch[0]);
    path->leaves.push_back(candidate[0] ? n_leaves[0] : 1);
    path->pruned_node.push_back(node);
  };
  record(0.0, -1);

  while (candidate[0]) {
    double effective = std::numeric_limits<double>::max();
    std::size_t weakest = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (!candidate[i]) continue;
      const double alpha = (r_node[i] - r_branch[i]) / (n_leaves[i] - 1);
      if (alpha < effective) {
        effective = alpha;
        weakest = i;
      }
    }
    if (stop_above < effective) break;
    std::vector<std::size_t> stack{weakest};
    while (!stack.empty()) {
      const std::size_t k = stack.back();
      stack.pop_back();
      if (!in_subtree[k]) continue;
      candidate[k] = leaf[k] = in_subtree[k] = 0;
      const TreeNode& t = tree.nodes[k];
      if (!t.is_leaf()) {
        stack.push_back(static_cast<std::size_t>(t.left));
        stack.push_back(static_cast<std::size_t>(t.right));
      }
    }
    leaf[weakest] = in_subtree[weakest] = 1;
    const int pruned_leaves = n_leaves[weakest] - 1;
    n_leaves[weakest] = 0;
    const double r_diff = r_node[weakest] - r_branch[weakest];
    r_branch[weakest] = r_node[weakest];
    for (int j = parent[weakest]; j >= 0; j = parent[static_cast<std::size_t>(j)]) {
      n_leaves[static_cast<std::size_t>(j)] -= pruned_leaves;
      r_branch[static_cast<std::size_t>(j)] += r_diff;
    }
    record(effective, static_cast<int>(weakest));
  }
  return leaf;
}

int copy_subtree(const Tree& from, int id, const std::vector<char>& leaf, Tree& to) {
  const int out = static_cast<int>(to.nodes.size());
  TreeNode node = from.nodes[static_cast<std::size_t>(id)];
  const bool is_leaf = leaf[static_cast<std::size_t>(id)];
  if (is_leaf) {
    node.feature = -1;
    node.left = node.right = -1;
  }
  to.nodes.push_back(node);
  if (!is_leaf) {
    const int l = copy_subtree(from, node.left, leaf, to);
    to.nodes[static_cast<std::size_t>(out)].left = l;
    const int r = copy_subtree(from, node.right, leaf, to);
    to.nodes[static_cast<std::size_t>(out)].right = r;
  }
  return out;
}

}  // namespace

int Tree::leaf_of(const float* row) const {
  int i = 0;
  while (!nodes[static_cast<std::size_t>(i)].is_leaf()) {
    const TreeNode& t = nodes[static_cast<std::size_t>(i)];
    i = row[t.feature] <= t.threshold ? t.left : t.right;
  }
  return i;
}

Eigen::VectorXd Tree::predict(const FloatRows& X) const {
  Eigen::VectorXd out(X.rows());
  for (Eigen::Index i = 0; i < X.rows(); ++i) out(i) = predict_row(X.row(i).data());
  return out;
}

Eigen::MatrixXd Tree::predict_shares(const FloatRows& X) const {
  const auto k = static_cast<Eigen::Index>(nodes[0].shares.size());
  Eigen::MatrixXd out(X.rows(), k);
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    const auto& shares = nodes[static_cast<std::size_t>(leaf_of(X.row(i).data()))].shares;
    for (Eigen::Index c = 0; c < k; ++c) out(i, c) = shares[static_cast<std::size_t>(c)];
  }
  return out;
}

int Tree::depth() const {
  std::vector<int> d(nodes.size(), 0);
  int deepest = 0;
  for (std::size_t i = 0; i < nodes.size(); ++i) {  // preorder: a parent comes before its children
    deepest = std::max(deepest, d[i]);
    if (!nodes[i].is_leaf())
      d[static_cast<std::size_t>(nodes[i].left)] = d[static_cast<std::size_t>(nodes[i].right)] = d[i] + 1;
  }
  return deepest;
}

int Tree::leaves() const {
  return static_cast<int>(std::count_if(nodes.begin(), nodes.end(), [](const TreeNode& t) { return t.is_leaf(); }));
}

std::vector<double> Tree::feature_importances(int features) const {
  std::vector<double> out(static_cast<std::size_t>(features), 0.0);
  for (const auto& t : nodes) {
    if (t.is_leaf()) continue;
    const TreeNode& l = nodes[static_cast<std::size_t>(t.left)];
    const TreeNode& r = nodes[static_cast<std::size_t>(t.right)];
    out[static_cast<std::size_t>(t.feature)] +=
        t.samples * t.impurity - l.samples * l.impurity - r.samples * r.impurity;
  }
  const double sum = std::accumulate(out.begin(), out.end(), 0.0);
  if (sum > 0)
    for (double& v : out) v /= sum;
  return out;
}

SortedColumns::SortedColumns(const FloatRows& X) : order(static_cast<std::size_t>(X.cols())) {
  for (Eigen::Index f = 0; f < X.cols(); ++f) {
    auto& o = order[static_cast<std::size_t>(f)];
    o.resize(static_cast<std::size_t>(X.rows()));
    std::iota(o.begin(), o.end(), 0);
    std::stable_sort(o.begin(), o.end(), [&](int a, int b) { return X(a, f) < X(b, f); });
  }
}

Tree grow_tree(const FloatRows& X, const Eigen::VectorXd& y, const SortedColumns& sorted,
               const std::vector<char>& in_sample, const TreeOptions& options, SplitCriterion criterion, int classes) {
  std::vector<int> rows;
  for (Eigen::Index i = 0; i < X.rows(); ++i)
    if (in_sample.empty() || in_sample[static_cast<std::size_t>(i)]) rows.push_back(static_cast<int>(i));
  return Builder(X, y, sorted, options, criterion, classes).run(rows);
}

Tree fit_decision_tree(const FloatRows& X, const Eigen::VectorXd& y, const TreeOptions& options,
                       SplitCriterion criterion, int classes) {
  SortedColumns sorted(X);
  Tree full = grow_tree(X, y, sorted, {}, options, criterion, classes);
  return options.ccp_alpha > 0 ? prune_tree(full, options.ccp_alpha) : full;
}

CcpPath cost_complexity_pruning_path(const Tree& tree) {
  CcpPath path;
  weakest_link_prune(tree, std::numeric_limits<double>::infinity(), &path);
  return path;
}

Tree subtree_at_step(const Tree& tree, const CcpPath& path, std::size_t step) {
  std::vector<char> leaf(tree.nodes.size(), 0);
  for (std::size_t i = 0; i < tree.nodes.size(); ++i) leaf[i] = tree.nodes[i].is_leaf();
  for (std::size_t k = 1; k <= step && k < path.pruned_node.size(); ++k)
    leaf[static_cast<std::size_t>(path.pruned_node[k])] = 1;
  Tree out;
  copy_subtree(tree, 0, leaf, out);
  return out;
}

Tree prune_tree(const Tree& tree, double ccp_alpha) {
  std::vector<char> leaf = weakest_link_prune(tree, ccp_alpha, nullptr);
  Tree out;
  copy_subtree(tree, 0, leaf, out);
  return out;
}

}  // namespace lab
