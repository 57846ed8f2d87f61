// The update rules against Keras' definitions, step by step on tiny vectors. Every expected
// value is computed here, in double precision, from the formulas Keras documents and
// implements (keras/optimizers/sgd.py, adam.py, base_optimizer.py), never by the optimizer
// under test. The learning rate changes between steps where the forms Keras rejects would
// only then differ from its own (momentum), and epsilon is large where its placement shows.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "models/mlp.hpp"
#include "train/optimizer.hpp"

namespace {

using Vec = std::vector<double>;

Eigen::VectorXf to_float(const Vec& v) {
  Eigen::VectorXf out(static_cast<Eigen::Index>(v.size()));
  for (std::size_t i = 0; i < v.size(); ++i) out(static_cast<Eigen::Index>(i)) = static_cast<float>(v[i]);
  return out;
}

// The optimizer computes in float: agreement to a few float roundings is the claim.
void expect_close(const Eigen::VectorXf& actual, const Vec& expected, const char* what) {
  ASSERT_EQ(actual.size(), static_cast<Eigen::Index>(expected.size())) << what;
  for (std::size_t i = 0; i < expected.size(); ++i)
    EXPECT_NEAR(actual(static_cast<Eigen::Index>(i)), expected[i], 2e-6 * std::max(1.0, std::abs(expected[i])))
        << what << ", element " << i;
}

const Vec kStart = {1.0, -2.0, 0.5, 0.0};
const std::vector<Vec> kGrads = {{0.5, -1.0, 0.25, 2.0}, {0.4, 0.3, -0.2, 0.001}, {-0.1, 0.2, 0.3, -1.5}};
const Vec kLearningRates = {0.1, 0.05, 0.02};  // as a schedule would hand them, one per step
const Vec kNoDecay = {0, 0, 0, 0};

// Runs the optimizer over kGrads/kLearningRates and checks the parameters after every step
// against `expected_after[step]`.
void check_steps(const lab::OptimizerOptions& options, const Vec& mask, const std::vector<Vec>& expected_after,
                 const char* rule) {
  lab::Optimizer optimizer(options, static_cast<Eigen::Index>(kStart.size()));
  Eigen::VectorXf w = to_float(kStart);
  for (std::size_t s = 0; s < kGrads.size(); ++s) {
    optimizer.step(w, to_float(kGrads[s]), to_float(mask), kLearningRates[s]);
    std::string what = std::string(rule) + " after step " + std::to_string(s + 1);
    expect_close(w, expected_after[s], what.c_str());
  }
}

TEST(Optimizer, PlainSgdStepsAgainstTheGradient) {
  // Keras SGD without momentum: w <- w - lr * g.
  std::vector<Vec> expected;
  Vec w = kStart;
  for (std::size_t s = 0; s < kGrads.size(); ++s) {
    for (std::size_t i = 0; i < w.size(); ++i) w[i] -= kLearningRates[s] * kGrads[s][i];
    expected.push_back(w);
  }
  // One element by hand: 1 - 0.1*0.5 - 0.05*0.4 + 0.02*0.1 = 0.932.
  EXPECT_NEAR(expected[2][0], 0.932, 1e-12);
  lab::OptimizerOptions o;
  o.rule = "sgd";
  check_steps(o, kNoDecay, expected, "sgd");
}

TEST(Optimizer, MomentumIsKerasVelocityForm) {
  // Keras SGD(momentum=m): v <- m v - lr g; w <- w + v. The velocity carries the learning rate
  // of the step it was made in (the form w <- w - lr (m u + g) would not).
  const double m = 0.9;
  std::vector<Vec> expected;
  Vec w = kStart, v(kStart.size(), 0.0);
  for (std::size_t s = 0; s < kGrads.size(); ++s) {
    for (std::size_t i = 0; i < w.size(); ++i) {
      v[i] = m * v[i] - kLearningRates[s] * kGrads[s][i];
      w[i] += v[i];
    }
    expected.push_back(w);
  }
  // By hand, element 0 after two steps: v1 = -0.05, v2 = 0.9 * -0.05 - 0.05 * 0.4 = -0.065,
  // w = 1 - 0.05 - 0.065 = 0.885 (the other form gives 1 - 0.05 - 0.05 * (0.9*0.5 + 0.4) = 0.9075).
  EXPECT_NEAR(expected[1][0], 0.885, 1e-12);
  lab::OptimizerOptions o;
  o.rule = "momentum";
  o.momentum = m;
  check_steps(o, kNoDecay, expected, "momentum");
}

// Keras Adam at step t (from 1): alpha = lr sqrt(1 - b2^t) / (1 - b1^t);
// m <- b1 m + (1 - b1) g; v <- b2 v + (1 - b2) g^2; w <- w - alpha m / (sqrt(v) + eps).
// Epsilon is added to the uncorrected sqrt(v), not to sqrt(v_hat) as in the paper's listing.
std::vector<Vec> keras_adam(double b1, double b2, double eps) {
  std::vector<Vec> expected;
  Vec w = kStart, m(kStart.size(), 0.0), v(kStart.size(), 0.0);
  for (std::size_t s = 0; s < kGrads.size(); ++s) {
    const double t = static_cast<double>(s + 1);
    const double alpha = kLearningRates[s] * std::sqrt(1 - std::pow(b2, t)) / (1 - std::pow(b1, t));
    for (std::size_t i = 0; i < w.size(); ++i) {
      const double g = kGrads[s][i];
      m[i] = b1 * m[i] + (1 - b1) * g;
      v[i] = b2 * v[i] + (1 - b2) * g * g;
      w[i] -= alpha * m[i] / (std::sqrt(v[i]) + eps);
    }
    expected.push_back(w);
  }
  return expected;
}

TEST(Optimizer, AdamIsBiasCorrectedWithKerasEpsilon) {
  lab::OptimizerOptions o;  // Keras defaults: beta1 0.9, beta2 0.999, epsilon 1e-7
  EXPECT_EQ(o.rule, "adam");
  EXPECT_EQ(o.epsilon, 1e-7);
  // Bias correction makes the first step about lr * sign(g) whatever the gradient's scale.
  auto expected = keras_adam(0.9, 0.999, 1e-7);
  for (std::size_t i = 0; i < kStart.size(); ++i)
    EXPECT_NEAR(kStart[i] - expected[0][i], 0.1 * (kGrads[0][i] > 0 ? 1 : -1), 1e-5) << i;
  check_steps(o, kNoDecay, expected, "adam");
}

TEST(Optimizer, AdamAddsEpsilonBeforeBiasCorrection) {
  // With a large epsilon the two placements part: Keras' first step is
  // lr g / (|g| + eps / sqrt(1 - b2)); with eps on sqrt(v_hat) it would be lr g / (|g| + eps).
  lab::OptimizerOptions o;
  o.epsilon = 0.1;
  auto expected = keras_adam(0.9, 0.999, 0.1);
  const double g = kGrads[0][1];  // -1
  EXPECT_NEAR(kStart[1] - expected[0][1], 0.1 * g / (std::abs(g) + 0.1 / std::sqrt(0.001)), 1e-12);
  // By hand: -0.1 / (1 + 3.16228) = -0.024025, far from the paper's -0.1 / 1.1 = -0.0909.
  EXPECT_NEAR(kStart[1] - expected[0][1], -0.024025, 1e-6);
  check_steps(o, kNoDecay, expected, "adam, epsilon 0.1");

  o.beta1 = 0.5;
  o.beta2 = 0.9;
  check_steps(o, kNoDecay, keras_adam(0.5, 0.9, 0.1), "adam, beta1 0.5 beta2 0.9");
}

TEST(Optimizer, WeightDecayIsDecoupledAndOnlyWhereTheMaskSaysSo) {
  // Keras' weight_decay: before the update, w <- w - lr * wd * w on the decayed variables; the
  // gradient step itself is unchanged (decoupled: the decay never passes through Adam's
  // normalisation, unlike an L2 term added to the gradient).
  const double wd = 0.3;
  const Vec mask = {1, 0, 1, 0};
  for (const char* rule : {"sgd", "momentum", "adam"}) {
    std::vector<Vec> expected;
    Vec w = kStart, m(kStart.size(), 0.0), v(kStart.size(), 0.0);
    for (std::size_t s = 0; s < kGrads.size(); ++s) {
      const double lr = kLearningRates[s], t = static_cast<double>(s + 1);
      for (std::size_t i = 0; i < w.size(); ++i) {
        w[i] -= lr * wd * w[i] * mask[i];
        const double g = kGrads[s][i];
        if (std::string(rule) == "sgd") {
          w[i] -= lr * g;
        } else if (std::string(rule) == "momentum") {
          m[i] = 0.9 * m[i] - lr * g;
          w[i] += m[i];
        } else {
          m[i] = 0.9 * m[i] + 0.1 * g;
          v[i] = 0.999 * v[i] + 0.001 * g * g;
          w[i] -= lr * std::sqrt(1 - std::pow(0.999, t)) / (1 - std::pow(0.9, t)) * m[i] / (std::sqrt(v[i]) + 1e-7);
        }
      }
      expected.push_back(w);
    }
    lab::OptimizerOptions o;
    o.rule = rule;
    o.weight_decay = wd;
    check_steps(o, mask, expected, rule);
  }
}

// The MLP's decay mask: weight decay claims to reach kernels only, never biases nor batch
// normalisation's gamma and beta (Keras users exclude those explicitly; here it is built in).
TEST(Optimizer, MlpDecayMaskCoversKernelsOnly) {
  lab::MlpOptions options;
  options.hidden = {4, 3};
  options.batch_norm = true;
  lab::Rng rng(5);
  lab::Mlp model(2, options, rng);
  const Eigen::VectorXf& mask = model.decay_mask();
  ASSERT_EQ(mask.size(), model.parameter_count());

  // Every parameter belongs to exactly one block; kernels are 1, everything else 0.
  Eigen::VectorXi owners = Eigen::VectorXi::Zero(model.parameter_count());
  long kernels = 0;
  for (const auto& layer : model.layers()) {
    const Eigen::Index count = static_cast<Eigen::Index>(layer.in) * layer.out;
    kernels += count;
    owners.segment(layer.weight, count).array() += 1;
    EXPECT_TRUE((mask.segment(layer.weight, count).array() == 1).all());
    owners.segment(layer.bias, layer.out).array() += 1;
    EXPECT_TRUE((mask.segment(layer.bias, layer.out).array() == 0).all()) << "bias";
    if (layer.gamma >= 0) {
      owners.segment(layer.gamma, layer.out).array() += 1;
      owners.segment(layer.beta, layer.out).array() += 1;
      EXPECT_TRUE((mask.segment(layer.gamma, layer.out).array() == 0).all()) << "gamma";
      EXPECT_TRUE((mask.segment(layer.beta, layer.out).array() == 0).all()) << "beta";
    }
  }
  EXPECT_TRUE((owners.array() == 1).all());
  EXPECT_EQ(kernels, 2 * 4 + 4 * 3 + 3 * 1);
  EXPECT_EQ(mask.sum(), static_cast<float>(kernels));
  EXPECT_GE(model.layers()[0].gamma, 0) << "batch normalisation was asked for";

  // One decayed Adam step with a zero gradient: kernels shrink by exactly (1 - lr wd), the
  // rest stays where it was (Adam's own step is 0 / (0 + eps) = 0).
  for (auto& layer : model.layers()) {
    model.params().segment(layer.bias, layer.out).setConstant(0.25f);
    if (layer.beta >= 0) model.params().segment(layer.beta, layer.out).setConstant(-0.5f);
  }
  const Eigen::VectorXf before = model.params();
  lab::OptimizerOptions o;
  o.weight_decay = 0.5;
  lab::Optimizer optimizer(o, model.parameter_count());
  optimizer.step(model.params(), Eigen::VectorXf::Zero(model.parameter_count()), mask, 0.2);
  for (Eigen::Index i = 0; i < before.size(); ++i) {
    const double expected = mask(i) == 1 ? before(i) * (1 - 0.2 * 0.5) : before(i);
    EXPECT_NEAR(model.params()(i), expected, 1e-7) << "parameter " << i;
  }
}

}  // namespace
