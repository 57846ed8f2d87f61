// Compression: float16 conversion, int8 quantization error and agreement, exact pruning
// sparsity, distillation gradients, and the binary formats' sizes and round trips.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "compress/classic_formats.hpp"
#include "compress/fine_tune.hpp"
#include "compress/half.hpp"
#include "compress/mlp_formats.hpp"
#include "compress/pruning.hpp"
#include "compress/quantize.hpp"
#include "compress/serialize.hpp"
#include "compress/weight_storage.hpp"
#include "data/dataset_builder.hpp"
#include "gradient_check.hpp"
#include "lab/error.hpp"
#include "lab/experiment.hpp"
#include "test_support.hpp"

namespace {

float bits_to_float(std::uint32_t u) {
  float f;
  std::memcpy(&f, &u, sizeof f);
  return f;
}

lab::Mlp random_mlp(std::vector<int> hidden, bool batch_norm = false, std::uint64_t seed = 3) {
  lab::MlpOptions o;
  o.hidden = std::move(hidden);
  o.batch_norm = batch_norm;
  lab::Rng rng(seed);
  return lab::Mlp(6, o, rng);
}

lab::FloatRows random_rows(int rows, int cols, std::uint64_t seed) {
  lab::Rng rng(seed);
  lab::FloatRows X(rows, cols);
  for (Eigen::Index i = 0; i < X.size(); ++i) X.data()[i] = static_cast<float>(rng.uniform(-2, 2));
  return X;
}

// ---- float16 ----------------------------------------------------------------------------

TEST(Float16, EveryHalfSurvivesTheRoundTrip) {
  for (std::uint32_t h = 0; h < 0x10000; ++h) {
    const auto half = static_cast<std::uint16_t>(h);
    const float f = lab::half_to_float(half);
    if (std::isnan(f)) {
      EXPECT_TRUE((half & 0x7C00) == 0x7C00 && (half & 0x3FF)) << h;
      EXPECT_TRUE(std::isnan(lab::half_to_float(lab::float_to_half(f)))) << h;
      continue;
    }
    ASSERT_EQ(lab::float_to_half(f), half) << "half 0x" << std::hex << h;
  }
}

TEST(Float16, MidpointsRoundToEvenAndNeighboursToNearest) {
  // Between every pair of adjacent finite positive halves: the midpoint goes to the even one,
  // anything a hair away from it goes to the nearer one.
  for (std::uint16_t h = 0; h < 0x7BFF; ++h) {
    const double lo = lab::half_to_float(h), hi = lab::half_to_float(static_cast<std::uint16_t>(h + 1));
    const double mid = (lo + hi) / 2;  // exact in double, and representable as a float
    const auto even = static_cast<std::uint16_t>((h & 1) ? h + 1 : h);
    ASSERT_EQ(lab::float_to_half(static_cast<float>(mid)), even) << h;
    ASSERT_EQ(lab::float_to_half(std::nextafter(static_cast<float>(mid), 0.0f)), h) << h;
    ASSERT_EQ(lab::float_to_half(std::nextafter(static_cast<float>(mid), 1e9f)), h + 1) << h;
  }
}

TEST(Float16, KnownValuesOverflowUnderflowAndSigns) {
  EXPECT_EQ(lab::float_to_half(1.0f), 0x3C00);
  EXPECT_EQ(lab::float_to_half(-2.0f), 0xC000);
  EXPECT_EQ(lab::float_to_half(65504.0f), 0x7BFF);   // largest finite half
  EXPECT_EQ(lab::float_to_half(65519.99f), 0x7BFF);  // below the midpoint
  EXPECT_EQ(lab::float_to_half(65520.0f), 0x7C00);   // midpoint: ties to even = inf
  EXPECT_EQ(lab::float_to_half(1e10f), 0x7C00);
  EXPECT_EQ(lab::float_to_half(-INFINITY), 0xFC00);
  EXPECT_EQ(lab::float_to_half(bits_to_float(0x33800000)), 0x0001);  // 2^-24, smallest subnormal
  EXPECT_EQ(lab::float_to_half(bits_to_float(0x33000000)), 0x0000);  // 2^-25: tie, rounds to even 0
  EXPECT_EQ(lab::float_to_half(bits_to_float(0x33000001)), 0x0001);  // just above the tie
  EXPECT_EQ(lab::float_to_half(-1e-30f), 0x8000);                    // signed zero
  EXPECT_EQ(lab::float_to_half(bits_to_float(0x387FE000)), 0x0400);  // rounds up into the smallest normal
  EXPECT_EQ(lab::half_to_float(0x3555), 0.333251953125f);
  EXPECT_TRUE(std::isnan(lab::half_to_float(lab::float_to_half(NAN))));
}

// ---- int8 quantization ------------------------------------------------------------------

TEST(Quantize, EveryWeightWithinHalfAStep) {
  lab::Rng rng(5);
  Eigen::MatrixXf W(9, 17);
  for (Eigen::Index i = 0; i < W.size(); ++i) W(i) = static_cast<float>(rng.normal() * 0.3);
  W.row(2).setZero();                                                       // an all-zero channel
  W.row(3) = W.row(3).cwiseAbs() + Eigen::RowVectorXf::Constant(17, 0.5f);  // all positive: affine widens to 0
  W(4, 4) = 2.5f;                                                           // an outlier dominating one channel
  for (bool affine : {false, true}) {
    for (bool per_channel : {false, true}) {
      lab::QuantizeOptions o{affine, per_channel};
      const lab::QuantizedTensor t = lab::quantize_weights(W, o);
      for (Eigen::Index j = 0; j < W.rows(); ++j) {
        const float scale = t.scale[per_channel ? static_cast<std::size_t>(j) : 0];
        const int zp = t.zero_point[per_channel ? static_cast<std::size_t>(j) : 0];
        if (!affine) EXPECT_EQ(zp, 0);
        for (Eigen::Index k = 0; k < W.cols(); ++k) {
          const int q = t.q[static_cast<std::size_t>(j * W.cols() + k)];
          EXPECT_GE(q, lab::kWeightQuantMin);
          EXPECT_LE(q, lab::kWeightQuantMax);
          const double back = static_cast<double>(q - zp) * scale;
          EXPECT_LE(std::abs(back - W(j, k)), 0.5 * scale * (1 + 1e-6))
              << affine << per_channel << " " << j << "," << k;
        }
      }
    }
  }
}

// The invariant that keeps ONNX Runtime's x86 integer kernels exact on every CPU (those without
// VNNI add pairs of u8 x s8 products in 16 bits, saturating): checked on the stored weights of
// every scheme, whatever CPU runs the test.
TEST(Quantize, NoPairOfProductsCanSaturateInt16) {
  lab::Rng rng(8);
  Eigen::MatrixXf W(6, 11);
  for (Eigen::Index i = 0; i < W.size(); ++i) W(i) = static_cast<float>(rng.normal());
  W(1, 3) = -40.0f;  // a lone large negative weight: the symmetric range's extreme
  W(2, 5) = 40.0f;
  for (bool affine : {false, true})
    for (bool per_channel : {false, true}) {
      const lab::QuantizedTensor t = lab::quantize_weights(W, {affine, per_channel});
      EXPECT_LE(lab::int8_pair_sum_bound(t.q), 32767) << affine << per_channel;
      EXPECT_GE(lab::int8_pair_sum_bound(t.q), 2 * 255 * 64) << "the range is used: " << affine << per_channel;
    }
  // Full-range int8 weights are what the bound exists to catch.
  EXPECT_GT(lab::int8_pair_sum_bound({127, -128}), 32767);
}

TEST(Quantize, AModelFileWithAWeightOutsideTheReducedRangeIsRefused) {
  const lab::FrozenMlp net = lab::FrozenMlp::from(random_mlp({3}));
  const lab::MlpInt8Model model(net, {false, false}, random_rows(20, 6, 2));
  lab::load_model(lab::save_model(model));  // as the engine writes it: fine
  std::vector<lab::Int8Layer> layers = model.layers();
  layers[0].weights.q[0] = 100;  // a full-range int8 weight, as another tool might write
  const auto bytes = lab::save_model(lab::MlpInt8Model(model.activation(), layers));
  EXPECT_NE(
      lab::test::error_of([&] { lab::load_model(bytes); }).find("weight 100 is outside the reduced range [-64, 64]"),
      std::string::npos)
      << lab::test::error_of([&] { lab::load_model(bytes); });
}

TEST(Quantize, IntegerKernelAgreesWithFloatModel) {
  lab::Mlp mlp = random_mlp({12, 8}, true);
  const lab::FrozenMlp net = lab::FrozenMlp::from(mlp);
  const lab::FloatRows X = random_rows(200, 6, 9);
  const Eigen::VectorXd p = lab::MlpFp32Model(net).predict(X);
  for (bool affine : {false, true}) {
    for (bool per_channel : {false, true}) {
      lab::MlpInt8Model q(net, {affine, per_channel}, X);
      const Eigen::VectorXd pq = q.predict(X);
      EXPECT_LT((pq - p).cwiseAbs().maxCoeff(), 0.03) << affine << per_channel;
    }
  }
}

TEST(Quantize, BatchNormFoldingKeepsPredictions) {
  lab::Mlp mlp = random_mlp({7, 5}, true);
  for (auto& m : mlp.running_mean()) m.setConstant(0.3f);
  for (auto& v : mlp.running_var()) v.setConstant(2.0f);
  Eigen::MatrixXd X = random_rows(50, 6, 4).cast<double>();
  const Eigen::VectorXd expected = mlp.predict_proba(X);
  const Eigen::VectorXd folded = lab::MlpFp32Model(lab::FrozenMlp::from(mlp)).predict(lab::to_float_rows(X));
  EXPECT_LT((expected - folded).cwiseAbs().maxCoeff(), 1e-5);
}

// ---- pruning ----------------------------------------------------------------------------

long zero_kernel_weights(const lab::Mlp& m, std::size_t layer) {
  const auto& L = m.layers()[layer];
  return static_cast<long>(
      (m.params().segment(L.weight, static_cast<Eigen::Index>(L.in) * L.out).array() == 0.0f).count());
}

TEST(Pruning, HitsTheRequestedSparsityExactly) {
  for (double s : {0.0, 0.1, 0.5, 0.8, 0.95, 0.999}) {
    lab::Mlp layerwise = random_mlp({13, 7});
    lab::apply_mask(layerwise, lab::magnitude_mask(layerwise, s, false));
    long zeros = 0, total = 0;
    for (std::size_t l = 0; l < layerwise.layers().size(); ++l) {
      const auto& L = layerwise.layers()[l];
      const long n = static_cast<long>(L.in) * L.out;
      EXPECT_EQ(zero_kernel_weights(layerwise, l), std::llround(s * static_cast<double>(n))) << s << " layer " << l;
      total += n;
    }
    lab::Mlp global = random_mlp({13, 7});
    lab::apply_mask(global, lab::magnitude_mask(global, s, true));
    for (std::size_t l = 0; l < global.layers().size(); ++l) zeros += zero_kernel_weights(global, l);
    EXPECT_EQ(zeros, std::llround(s * static_cast<double>(total))) << s;
  }
}

TEST(Pruning, KeepsTheLargestWeights) {
  lab::Mlp m = random_mlp({10});
  const Eigen::VectorXf before = m.params();
  lab::apply_mask(m, lab::magnitude_mask(m, 0.6, true));
  float smallest_kept = INFINITY, largest_pruned = 0;
  for (const auto& L : m.layers())
    for (Eigen::Index i = L.weight; i < L.weight + static_cast<Eigen::Index>(L.in) * L.out; ++i) {
      if (m.params()(i) == 0.0f)
        largest_pruned = std::max(largest_pruned, std::abs(before(i)));
      else
        smallest_kept = std::min(smallest_kept, std::abs(before(i)));
    }
  EXPECT_LE(largest_pruned, smallest_kept);
  EXPECT_EQ(m.params().segment(m.layers()[0].bias, 10), before.segment(m.layers()[0].bias, 10));  // biases untouched
}

TEST(Pruning, UnitsRemoveWholeNeuronsAndTheFrozenNetShrinks) {
  lab::Mlp m = random_mlp({10, 8}, true);
  lab::apply_mask(m, lab::unit_mask(m, 0.5, false));
  const lab::FrozenMlp net = lab::FrozenMlp::from(m);
  const lab::FrozenMlp small = net.without_dead_units();
  EXPECT_EQ(small.sizes(), (std::vector<int>{6, 5, 4, 1}));
  const lab::FloatRows X = random_rows(40, 6, 2);
  EXPECT_LT((lab::MlpFp32Model(net).predict(X) - lab::MlpFp32Model(small).predict(X)).cwiseAbs().maxCoeff(), 1e-6);
}

TEST(Pruning, PolynomialDecayFollowsZhuAndGupta) {
  lab::PolynomialDecay s{0.1, 0.9, 100, 400, 50, 3};
  EXPECT_DOUBLE_EQ(s.sparsity(100), 0.1);
  EXPECT_DOUBLE_EQ(s.sparsity(400), 0.9);
  EXPECT_DOUBLE_EQ(s.sparsity(1000), 0.9);
  EXPECT_NEAR(s.sparsity(250), 0.9 + (0.1 - 0.9) * 0.125, 1e-15);  // (1 - 1/2)^3
  EXPECT_FALSE(s.should_prune(99));
  EXPECT_TRUE(s.should_prune(100));
  EXPECT_FALSE(s.should_prune(120));
  EXPECT_TRUE(s.should_prune(150));
  EXPECT_FALSE(s.should_prune(450));
  lab::PolynomialDecay odd{0, 0.5, 0, 95, 10, 3};
  EXPECT_TRUE(odd.should_prune(95));  // the end step always updates, so the target is reached
}

TEST(Pruning, GradualFineTuningEndsExactlyAtTheTarget) {
  lab::Mlp m = random_mlp({16, 8});
  lab::Rng data_rng(8);
  Eigen::MatrixXd X(120, 6);
  Eigen::VectorXd y(120);
  for (Eigen::Index i = 0; i < 120; ++i) {
    for (Eigen::Index j = 0; j < 6; ++j) X(i, j) = data_rng.uniform(-1, 1);
    y(i) = X(i, 0) + X(i, 1) > 0;
  }
  lab::PruneOptions o;
  o.sparsity = 0.8;
  o.gradual = true;
  o.epochs = 5;
  o.frequency = 3;
  lab::TrainOptions train;
  train.learning_rate = 0.01;
  lab::Rng rng(1);
  lab::prune_and_fine_tune(m, lab::TrainData{X, y}, train, o, {}, rng);
  // Layers of 6x16, 16x8 and 8x1 weights, each pruned to round(0.8 n).
  EXPECT_DOUBLE_EQ(lab::kernel_sparsity(m), static_cast<double>(77 + 102 + 6) / 232);
}

// ---- distillation -----------------------------------------------------------------------

TEST(Distillation, GradientMatchesFiniteDifferencesAndAlphaOneIsPlainLoss) {
  lab::MlpOptions o;
  o.hidden = {5};
  o.activation = "tanh";
  lab::Rng init(3);
  lab::Mlp model(4, o, init);
  lab::Rng data(11);
  Eigen::MatrixXf X(4, 6);
  Eigen::VectorXf y(6);
  Eigen::MatrixXf teacher(1, 6);
  for (int c = 0; c < 6; ++c) {
    for (int r = 0; r < 4; ++r) X(r, c) = static_cast<float>(data.uniform(-1.5, 1.5));
    y(c) = c % 2 ? 1.0f : 0.0f;
    teacher(0, c) = static_cast<float>(data.uniform(-3, 3));
  }
  lab::SoftTargets soft{&teacher, 3.0f, 0.3f};
  const double worst = lab::test::gradient_error(model, X, y, &soft);
  EXPECT_LT(worst, 2e-3);

  lab::test::expect_hard_only_is_plain(model, X, y, teacher, 3.0f, 0.0);  // exactly the plain loss
}

// ---- formats: sizes and round trips -------------------------------------------------------

void expect_round_trip(const lab::DeployedModel& m, const lab::FloatRows& X) {
  const auto bytes = lab::save_model(m);
  const auto loaded = lab::load_model(bytes);
  EXPECT_EQ(loaded->format(), m.format());
  EXPECT_EQ(loaded->predict(X), m.predict(X)) << lab::format_name(m.format());
  EXPECT_EQ(lab::save_model(*loaded), bytes) << lab::format_name(m.format());
  EXPECT_EQ(loaded->parameters(), m.parameters());
  EXPECT_EQ(loaded->nonzero(), m.nonzero());
}

TEST(Formats, SizesAreWhatTheFormatSays) {
  const lab::FrozenMlp net = lab::FrozenMlp::from(random_mlp({12, 8}));  // 6 -> 12 -> 8 -> 1
  const long P = 6 * 12 + 12 + 12 * 8 + 8 + 8 + 1;
  const std::size_t shape = lab::mlp_shape_bytes(3);
  EXPECT_EQ(shape, 2u + 2 * 4);
  const std::size_t fp32 = lab::save_model(lab::MlpFp32Model(net)).size();
  const std::size_t fp16 = lab::save_model(lab::MlpFp16Model(net)).size();
  const std::size_t header = lab::kModelHeaderBytes + shape;
  EXPECT_EQ(fp32, header + 4 * static_cast<std::size_t>(P));
  EXPECT_EQ(fp16, header + 2 * static_cast<std::size_t>(P));
  EXPECT_EQ(fp16 - header, (fp32 - header) / 2);
  const lab::FloatRows X = random_rows(30, 6, 1);
  // int8 symmetric per channel: per layer 2 + 4 + 1 bytes, a scale per output, the weights'
  // encoding byte and int8 weights (dense: a trained kernel has no zeros), f32 biases.
  const std::size_t int8 = lab::save_model(lab::MlpInt8Model(net, {false, true}, X)).size();
  EXPECT_EQ(int8, header + 3 * 7 + 4 * (12 + 8 + 1) + 3 + (6 * 12 + 12 * 8 + 8) + 4 * (12 + 8 + 1));
  // Affine per tensor: one scale and one zero point per layer.
  const std::size_t affine = lab::save_model(lab::MlpInt8Model(net, {true, false}, X)).size();
  EXPECT_EQ(affine, header + 3 * (7 + 4 + 1) + 3 + (6 * 12 + 12 * 8 + 8) + 4 * (12 + 8 + 1));
}

TEST(Formats, APrunedModelStoresOnlyItsNonZeros) {
  lab::Mlp m = random_mlp({12, 8});
  lab::apply_mask(m, lab::magnitude_mask(m, 0.8, false));
  const lab::FrozenMlp net = lab::FrozenMlp::from(m);
  const lab::MlpSparseModel sparse(net);
  long nnz = 0;
  std::size_t expected = lab::kModelHeaderBytes + lab::mlp_shape_bytes(3);
  for (const auto& c : sparse.layers()) {
    EXPECT_EQ(c.value.size(), c.column.size());
    for (float v : c.value) EXPECT_NE(v, 0.0f);
    nnz += static_cast<long>(c.value.size());
    // At 80 % zeros a bitmap (1/8 byte per entry + 4 per value) beats CSR (2 + 4 per value and
    // the row pointers) on these small layers; an encoding byte per layer says which.
    const std::size_t bitmap = (static_cast<std::size_t>(c.in * c.out) + 7) / 8 + 4 * c.value.size();
    const std::size_t csr = 4 + 4 * (static_cast<std::size_t>(c.out) + 1) + 6 * c.value.size();
    EXPECT_EQ(lab::smallest_encoding(c.out, c.in, static_cast<long>(c.value.size()), 4),
              bitmap < csr ? lab::WeightEncoding::Bitmap : lab::WeightEncoding::Csr);
    expected += 1 + std::min(bitmap, csr) + 4 * static_cast<std::size_t>(c.out);
  }
  EXPECT_EQ(nnz, (6 * 12 + 12 * 8 + 8) - std::llround(0.8 * 72) - std::llround(0.8 * 96) - std::llround(0.8 * 8));
  EXPECT_EQ(lab::save_model(sparse).size(), expected);
  const lab::FloatRows X = random_rows(25, 6, 6);
  EXPECT_LT((sparse.predict(X) - lab::MlpFp32Model(net).predict(X)).cwiseAbs().maxCoeff(), 1e-6);
}

TEST(Formats, PruningNeverGrowsAModelAndInt8KeepsItsZeros) {
  lab::Mlp m = random_mlp({64, 64});
  const std::size_t dense = lab::save_model(lab::MlpFp32Model(lab::FrozenMlp::from(m))).size();
  const lab::FloatRows X = random_rows(40, 6, 3);
  const std::size_t int8_dense = lab::save_model(lab::MlpInt8Model(lab::FrozenMlp::from(m), {false, true}, X)).size();
  std::size_t previous = dense, previous_int8 = int8_dense;
  for (double sparsity : {0.05, 0.2, 0.5, 0.8, 0.95}) {
    lab::Mlp pruned = m;
    lab::apply_mask(pruned, lab::magnitude_mask(pruned, sparsity, false));
    const lab::FrozenMlp net = lab::FrozenMlp::from(pruned);
    const lab::MlpSparseModel sparse(net);
    const std::size_t bytes = lab::save_model(sparse).size();
    EXPECT_LE(bytes, dense + 3) << sparsity;  // at most the encoding bytes more than dense
    EXPECT_LT(bytes, previous) << sparsity;   // more zeros, fewer bytes
    previous = bytes;
    const lab::MlpInt8Model int8(net, {false, true}, X);
    const std::size_t int8_bytes = lab::save_model(int8).size();
    EXPECT_LE(int8_bytes, int8_dense) << sparsity;
    if (sparsity >= 0.2) EXPECT_LT(int8_bytes, previous_int8) << sparsity;
    previous_int8 = int8_bytes;
    // Both kernels of the pruned form compute the same scores (up to float rounding), and
    // every encoding loads back to the same model.
    lab::MlpSparseModel both(net);
    const Eigen::MatrixXd sparse_kernel = both.predict(X);
    both.use_kernels("dense", "dense");
    EXPECT_EQ(both.kernel(true), "dense");
    EXPECT_LT((both.predict(X) - sparse_kernel).cwiseAbs().maxCoeff(), 1e-6);
    EXPECT_LT((both.predict(X.topRows(1)) - sparse_kernel.topRows(1)).cwiseAbs().maxCoeff(), 1e-6);
    const auto loaded = lab::load_model(lab::save_model(sparse));
    EXPECT_EQ(loaded->predict(X), sparse.predict(X));
    const auto loaded_int8 = lab::load_model(lab::save_model(int8));
    EXPECT_EQ(loaded_int8->predict(X), int8.predict(X));
  }
  EXPECT_THROW(lab::MlpSparseModel(lab::FrozenMlp::from(m)).use_kernels("int4", "dense"), lab::Error);
}

TEST(Formats, EveryFormatLoadsBackToIdenticalPredictions) {
  const lab::FloatRows X = random_rows(60, 6, 12);
  lab::Mlp m = random_mlp({9, 4}, true);
  const lab::FrozenMlp net = lab::FrozenMlp::from(m);
  expect_round_trip(lab::MlpFp32Model(net), X);
  expect_round_trip(lab::MlpFp16Model(net), X);
  for (bool affine : {false, true})
    for (bool per_channel : {false, true}) expect_round_trip(lab::MlpInt8Model(net, {affine, per_channel}, X), X);
  lab::apply_mask(m, lab::magnitude_mask(m, 0.7, true));
  expect_round_trip(lab::MlpSparseModel(lab::FrozenMlp::from(m)), X);

  lab::LinearModel dense{0.25, Eigen::VectorXd::LinSpaced(6, -1, 1), 0};
  expect_round_trip(lab::LinearDeployed(dense), X);
  lab::LinearModel sparse{-0.5, Eigen::VectorXd::Zero(6), 0};
  sparse.coef(4) = 0.75;
  expect_round_trip(lab::LinearDeployed(sparse), X);
  EXPECT_EQ(lab::save_model(lab::LinearDeployed(sparse)).size(), lab::kModelHeaderBytes + 2 + 2 + 4 + 1 + 2 + 6);

  Eigen::VectorXd y(60);
  for (Eigen::Index i = 0; i < 60; ++i) y(i) = X(i, 0) + 0.5 * X(i, 3) > 0;
  lab::TreeOptions t;
  t.max_depth = 4;
  const lab::Tree tree = lab::fit_decision_tree(X, y, t);
  const lab::TreeDeployed deployed(6, lab::CompactTree::from(tree));
  expect_round_trip(deployed, X);
  EXPECT_LT((deployed.predict(X).col(0) - tree.predict(X)).cwiseAbs().maxCoeff(), 1e-7);  // float32 leaf values
  lab::BoostingOptions b;
  b.n_estimators = 15;
  b.subsample = 0.7;
  expect_round_trip(lab::BoostedDeployed(6, lab::fit_boosting(X, y, nullptr, nullptr, b, nullptr)), X);
}

TEST(Formats, DamagedBytesAreErrorsNotCrashes) {
  const lab::FrozenMlp net = lab::FrozenMlp::from(random_mlp({5}));
  const auto good = lab::save_model(lab::MlpFp32Model(net));
  auto message = [](std::vector<std::uint8_t> bytes) { return lab::test::error_of([&] { lab::load_model(bytes); }); };
  for (std::size_t cut = 0; cut < good.size(); cut += 7) {
    std::vector<std::uint8_t> truncated(good.begin(), good.begin() + static_cast<long>(cut));
    EXPECT_NE(message(truncated), "") << cut;
  }
  auto bad_magic = good;
  bad_magic[0] = 'X';
  EXPECT_EQ(message(bad_magic), "serialized model, byte 1: not a model file (the magic is not \"LABM\")");
  auto trailing = good;
  trailing.push_back(0);
  EXPECT_EQ(message(trailing),
            "serialized model, byte " + std::to_string(good.size()) + ": 1 unexpected bytes after the model");
  auto unknown = good;
  unknown[5] = 42;
  EXPECT_EQ(message(unknown), "serialized model, byte 6: unknown model format 42");
}

// ---- int8 on the lesson's data ------------------------------------------------------------

TEST(QuantizeTitanic, Int8AgreesWithFp32OnNearlyEveryTestRow) {
  lab::RunContext context;
  context.base_dir = LAB_SOURCE_DIR;
  lab::Json spec = lab::test::titanic_spec();
  spec["model"] = {{"type", "mlp"}, {"hidden", {32, 32}}};
  const lab::PreparedData d = lab::prepare_data(lab::normalize_spec(spec), context);
  lab::MlpOptions o;
  o.hidden = {32, 32};
  lab::Rng rng(7);
  lab::Mlp mlp(static_cast<int>(d.X_train.cols()), o, rng);
  lab::TrainOptions train;
  train.epochs = 60;
  train.learning_rate = 0.003;
  lab::train_mlp(mlp, lab::TrainData{d.X_train, d.y_train}, train, {}, rng);
  const lab::FrozenMlp net = lab::FrozenMlp::from(mlp);
  const lab::FloatRows X_train = lab::to_float_rows(d.X_train), X_test = lab::to_float_rows(d.X_test);
  const Eigen::VectorXd p = lab::MlpFp32Model(net).predict(X_test);
  for (bool affine : {false, true}) {
    for (bool per_channel : {false, true}) {
      const Eigen::VectorXd q = lab::MlpInt8Model(net, {affine, per_channel}, X_train).predict(X_test);
      long same = 0;
      for (Eigen::Index i = 0; i < p.size(); ++i) same += (p(i) > 0.5) == (q(i) > 0.5);
      // One scale for a whole layer in the reduced weight range [-64, 64] (quantize.hpp) is the
      // coarsest scheme: it flips a few more of the rows that sit near 0.5 (97.3 % agree here).
      const double least = per_channel ? 0.98 : 0.97;
      EXPECT_GE(static_cast<double>(same) / static_cast<double>(p.size()), least) << affine << per_channel;
    }
  }
}

}  // namespace
