// The inference kernels against plain loops: int8 bit for bit (its sums are exact integers),
// the sparse product against a double-precision dense product, the dense product likewise,
// and each deployed MLP form against the fp32 network it came from.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "compress/mlp_formats.hpp"
#include "compress/quantize.hpp"
#include "kernels/dense.hpp"
#include "kernels/exp.hpp"
#include "kernels/gram.hpp"
#include "kernels/int8.hpp"
#include "kernels/sparse.hpp"
#include "models/logistic.hpp"

namespace lab {
namespace {

// mt19937's raw output is the same in every standard library (its distributions are not).
struct Draw {
  std::mt19937 gen{12345};
  int integer(int lo, int hi) { return lo + static_cast<int>(gen() % static_cast<unsigned>(hi - lo + 1)); }
  float uniform() { return static_cast<float>(gen() % 2000001u) / 1000000.0f - 1.0f; }  // [-1, 1]
};

TEST(Int8Kernel, EqualsTheScalarLoopBitForBitAtEveryShape) {
  Draw draw;
  const std::vector<std::pair<int, int>> shapes = {{1, 1},  {1, 7},   {3, 5},    {4, 8},
                                                   {16, 2}, {17, 33}, {64, 257}, {256, 256}};
  for (const auto& [out, in] : shapes) {
    std::vector<std::int8_t> q(static_cast<std::size_t>(out) * in);
    for (auto& v : q) v = static_cast<std::int8_t>(draw.integer(-128, 127));
    // Extremes too: every weight and input at -128 is the largest product sum.
    if (out == 17) std::fill(q.begin(), q.end(), std::int8_t{-128});
    const kernels::PackedInt8 W = kernels::pack_int8(q.data(), out, in);
    ASSERT_EQ(W.pairs, (in + 1) / 2);
    ASSERT_EQ(W.blocks, (out + 3) / 4);
    std::vector<std::int16_t> x(static_cast<std::size_t>(W.pairs) * 2, 0);
    for (int k = 0; k < in; ++k)
      x[static_cast<std::size_t>(k)] = static_cast<std::int16_t>(out == 17 ? -128 : draw.integer(-128, 127));
    std::vector<std::int32_t> fast(static_cast<std::size_t>(W.blocks) * 4, 99), slow(static_cast<std::size_t>(out));
    std::vector<std::int16_t> xs(static_cast<std::size_t>(W.pairs) * kernels::kPairLanes);
    kernels::spread_pairs(x.data(), W.pairs, xs.data());
    kernels::int8_matvec(W, xs.data(), fast.data());
    kernels::int8_matvec_reference(q.data(), out, in, x.data(), slow.data());
    for (int j = 0; j < out; ++j)
      EXPECT_EQ(fast[static_cast<std::size_t>(j)], slow[static_cast<std::size_t>(j)])
          << out << "x" << in << " output " << j;
    for (int j = out; j < W.blocks * 4; ++j) EXPECT_EQ(fast[static_cast<std::size_t>(j)], 0) << "padded output " << j;
  }
}

// The batch kernel takes rows four, then two, then one at a time, and outputs three blocks of
// four at a time, then one block: 1 to 7 rows and 23 or 29 outputs (6 or 8 blocks) cover each mix.
TEST(Int8Kernel, RowsInGroupsEqualOneAtATime) {
  Draw draw;
  for (const int out : {23, 29}) {
    std::vector<std::int8_t> q(static_cast<std::size_t>(out) * 19);
    for (auto& v : q) v = static_cast<std::int8_t>(draw.integer(-128, 127));
    const kernels::PackedInt8 W = kernels::pack_int8(q.data(), out, 19);
    const int in_stride = W.pairs * 2, out_stride = W.blocks * 4;
    for (int rows = 1; rows <= 7; ++rows) {
      std::vector<std::int16_t> X(static_cast<std::size_t>(rows) * in_stride, 0);
      for (int r = 0; r < rows; ++r)
        for (int k = 0; k < 19; ++k)
          X[static_cast<std::size_t>(r * in_stride + k)] = static_cast<std::int16_t>(draw.integer(-128, 127));
      std::vector<std::int32_t> batch(static_cast<std::size_t>(rows) * out_stride),
          one(static_cast<std::size_t>(out_stride));
      const int spread = W.pairs * kernels::kPairLanes;
      std::vector<std::int16_t> Xs(static_cast<std::size_t>(rows) * spread);
      for (int r = 0; r < rows; ++r) kernels::spread_pairs(X.data() + r * in_stride, W.pairs, Xs.data() + r * spread);
      kernels::int8_matmul(W, Xs.data(), rows, batch.data());
      for (int r = 0; r < rows; ++r) {
        kernels::int8_matvec(W, Xs.data() + r * spread, one.data());
        for (int j = 0; j < out_stride; ++j)
          EXPECT_EQ(batch[static_cast<std::size_t>(r * out_stride + j)], one[static_cast<std::size_t>(j)])
              << out << " outputs, " << rows << " rows, row " << r;
      }
    }
  }
}

TEST(Int8Kernel, VectorQuantizationEqualsTheScalarDefinitionTiesToEven) {
  Draw draw;
  std::vector<float> x = {0.5f, 1.5f,  2.5f,   -0.5f,  -1.5f,   -2.5f,   0.0f, -0.0f,
                          1e9f, -1e9f, 127.4f, 127.6f, -128.4f, -128.6f, 3.0f};
  for (int i = 0; i < 200; ++i) x.push_back(draw.uniform() * 300.0f);
  for (const auto& [inverse, zp] :
       std::vector<std::pair<float, int>>{{1.0f, 0}, {1.0f, -7}, {3.7f, 12}, {0.01f, -128}}) {
    std::vector<std::int16_t> q(x.size());
    kernels::quantize_int8(x.data(), static_cast<int>(x.size()), inverse, zp, q.data());
    for (std::size_t i = 0; i < x.size(); ++i)
      EXPECT_EQ(q[i], kernels::quantize_int8_one(x[i], inverse, zp)) << x[i] << " * " << inverse;
  }
  EXPECT_EQ(kernels::quantize_int8_one(0.5f, 1, 0), 0);  // half to even
  EXPECT_EQ(kernels::quantize_int8_one(1.5f, 1, 0), 2);
  EXPECT_EQ(kernels::quantize_int8_one(-2.5f, 1, 0), -2);
  EXPECT_EQ(kernels::quantize_int8_one(1e9f, 1, 0), 127);  // saturates
  EXPECT_EQ(kernels::quantize_int8_one(-1e9f, 1, 5), -128);
}

// A random out x in kernel with about `density` of its weights non-zero, as CSR and dense.
struct SparseCase {
  int out, in;
  std::vector<std::uint32_t> row_ptr{0};
  std::vector<std::uint16_t> column;
  std::vector<float> value, bias, dense;  // dense: row-major
};

SparseCase sparse_case(Draw& draw, int out, int in, double density) {
  SparseCase c{out, in};
  c.dense.assign(static_cast<std::size_t>(out) * in, 0.0f);
  for (int j = 0; j < out; ++j) {
    for (int k = 0; k < in; ++k) {
      if (j == 1 || draw.uniform() * 0.5 + 0.5 >= density) continue;  // row 1 stays empty
      const float w = draw.uniform();
      c.column.push_back(static_cast<std::uint16_t>(k));
      c.value.push_back(w);
      c.dense[static_cast<std::size_t>(j) * in + k] = w;
    }
    c.row_ptr.push_back(static_cast<std::uint32_t>(c.value.size()));
    c.bias.push_back(draw.uniform());
  }
  return c;
}

TEST(SparseKernel, EqualsTheDenseProductForAnyBatchSize) {
  Draw draw;
  for (int n : {1, 3, 4, 15, 16, 17, 40}) {
    const SparseCase c = sparse_case(draw, 9, 30, 0.1);
    std::vector<float> X(static_cast<std::size_t>(c.in) * n), Y(static_cast<std::size_t>(c.out) * n);
    for (auto& v : X) v = draw.uniform();
    kernels::csr_matmul(c.row_ptr.data(), c.column.data(), c.value.data(), c.bias.data(), c.out, X.data(), n, Y.data());
    for (int j = 0; j < c.out; ++j)
      for (int s = 0; s < n; ++s) {
        double expected = c.bias[static_cast<std::size_t>(j)];
        for (int k = 0; k < c.in; ++k)
          expected += double{c.dense[static_cast<std::size_t>(j) * c.in + k]} * X[static_cast<std::size_t>(k) * n + s];
        EXPECT_NEAR(Y[static_cast<std::size_t>(j) * n + s], expected, 1e-5)
            << "n=" << n << " output " << j << " row " << s;
      }
    // The empty row is its bias.
    for (int s = 0; s < n; ++s) EXPECT_EQ(Y[static_cast<std::size_t>(n) + s], c.bias[1]);
  }
}

TEST(DenseKernel, MatmulEqualsTheProductWithBias) {
  Draw draw;
  for (const auto& [rows, inner, cols] :
       std::vector<std::array<int, 3>>{{1, 1, 1}, {5, 3, 2}, {16, 7, 3}, {21, 40, 5}}) {
    std::vector<float> M(static_cast<std::size_t>(rows) * inner), X(static_cast<std::size_t>(inner) * cols),
        b(static_cast<std::size_t>(rows)), Y(static_cast<std::size_t>(rows) * cols);
    for (auto* v : {&M, &X, &b})
      for (auto& e : *v) e = draw.uniform();
    kernels::matmul(M.data(), rows, inner, X.data(), cols, Y.data(), b.data());
    for (int c = 0; c < cols; ++c)
      for (int r = 0; r < rows; ++r) {
        double expected = b[static_cast<std::size_t>(r)];
        for (int k = 0; k < inner; ++k)
          expected += double{M[static_cast<std::size_t>(k) * rows + r]} * X[static_cast<std::size_t>(c) * inner + k];
        EXPECT_NEAR(Y[static_cast<std::size_t>(c) * rows + r], expected, 1e-5);
      }
  }
}

// A 6-20-10-1 network with most weights zero, and rows to run it on.
FrozenMlp pruned_net(Draw& draw) {
  FrozenMlp net;
  net.activation = Activation::Relu;
  for (auto [in, out] : std::vector<std::pair<int, int>>{{6, 20}, {20, 10}, {10, 1}}) {
    DenseLayer d;
    d.W = Eigen::MatrixXf::Zero(out, in);
    d.b = Eigen::VectorXf::Zero(out);
    for (int j = 0; j < out; ++j) {
      d.b(j) = draw.uniform() * 0.1f;
      for (int k = 0; k < in; ++k)
        if (draw.integer(0, 9) < 3 || out == 1) d.W(j, k) = draw.uniform();
    }
    net.layers.push_back(std::move(d));
  }
  return net;
}

TEST(SparseKernel, TheSparseModelPredictsWhatTheDenseOneDoes) {
  Draw draw;
  const FrozenMlp net = pruned_net(draw);
  for (int n : {1, 5, 37}) {
    FloatRows X(n, 6);
    for (Eigen::Index i = 0; i < X.size(); ++i) X.data()[i] = draw.uniform() * 2;
    const Eigen::VectorXd dense = MlpFp32Model(net).predict(X);
    const Eigen::VectorXd sparse = MlpSparseModel(net).predict(X);
    ASSERT_EQ(sparse.size(), n);
    for (int r = 0; r < n; ++r) EXPECT_NEAR(sparse(r), dense(r), 1e-6) << "n=" << n << " row " << r;
  }
}

// The int8 model's arithmetic written out as plain loops, from its stored parts.
double int8_reference(const MlpInt8Model& model, const float* row, int in, Activation activation) {
  std::vector<float> a(row, row + in);
  for (std::size_t l = 0; l < model.layers().size(); ++l) {
    const Int8Layer& L = model.layers()[l];
    std::vector<std::int16_t> qx(static_cast<std::size_t>(L.in));
    std::int32_t sum_qx = 0;
    for (int k = 0; k < L.in; ++k)
      sum_qx += qx[static_cast<std::size_t>(k)] = static_cast<std::int16_t>(
          kernels::quantize_int8_one(a[static_cast<std::size_t>(k)], 1.0f / L.input_scale, L.input_zero_point));
    std::vector<std::int32_t> acc(static_cast<std::size_t>(L.out));
    kernels::int8_matvec_reference(L.weights.q.data(), L.out, L.in, qx.data(), acc.data());
    std::vector<float> z(static_cast<std::size_t>(L.out));
    for (int j = 0; j < L.out; ++j) {
      std::int32_t row_sum = 0;
      for (int k = 0; k < L.in; ++k) row_sum += L.weights.q[static_cast<std::size_t>(j) * L.in + k];
      const std::int32_t zx = L.input_zero_point, zw = L.zero_point_of(j);
      const std::int32_t total = acc[static_cast<std::size_t>(j)] - zx * row_sum - zw * sum_qx + L.in * zw * zx;
      z[static_cast<std::size_t>(j)] =
          static_cast<float>(total) * (L.scale_of(j) * L.input_scale) + L.bias[static_cast<std::size_t>(j)];
    }
    if (l + 1 < model.layers().size()) apply_activation(activation, z.data(), static_cast<Eigen::Index>(z.size()));
    a = z;
  }
  return sigmoid(a[0]);  // the head a binary network ends in
}

TEST(Int8Kernel, TheInt8ModelEqualsItsScalarDefinitionBitForBit) {
  Draw draw;
  const FrozenMlp net = pruned_net(draw);
  FloatRows X(29, 6);
  for (Eigen::Index i = 0; i < X.size(); ++i) X.data()[i] = draw.uniform() * 3;
  for (bool affine : {false, true}) {
    QuantizeOptions o;
    o.affine = affine;
    const MlpInt8Model model(net, o, X);
    const Eigen::VectorXd p = model.predict(X);
    for (Eigen::Index r = 0; r < X.rows(); ++r) {
      EXPECT_EQ(p(r), int8_reference(model, X.row(r).data(), 6, net.activation))
          << "row " << r << (affine ? " affine" : " symmetric");
      EXPECT_EQ(model.predict(X.row(r))(0, 0), p(r));
    }
  }
}

TEST(DenseKernel, BatchAndSingleRowPredictionsAgree) {
  // Whole-batch latency and single-row latency time the same function: a row's answer must
  // not depend on the batch it came in.
  Draw draw;
  const FrozenMlp net = pruned_net(draw);
  FloatRows X(23, 6);
  for (Eigen::Index i = 0; i < X.size(); ++i) X.data()[i] = draw.uniform();
  const MlpFp32Model fp32(net);
  const MlpSparseModel sparse(net);
  const Eigen::VectorXd batch = fp32.predict(X), sparse_batch = sparse.predict(X);
  for (Eigen::Index r = 0; r < X.rows(); ++r) {
    const FloatRows one = X.row(r);
    EXPECT_EQ(fp32.predict(one)(0, 0), batch(r));
    EXPECT_EQ(sparse.predict(one)(0, 0), sparse_batch(r));
  }
}

}  // namespace
}  // namespace lab

namespace lab {
namespace {

std::int64_t ulps_apart(double a, double b) {
  std::int64_t x, y;
  std::memcpy(&x, &a, sizeof x);
  std::memcpy(&y, &b, sizeof y);
  return x > y ? x - y : y - x;  // both non-negative doubles: their bits order like the values
}

TEST(ExpKernel, WithinTwoUlpOfStdExpDownToTheSubnormals) {
  std::mt19937 gen{7};
  std::vector<double> z;
  for (int i = 0; i < 200000; ++i) z.push_back(-746.0 * (gen() / 4294967296.0));
  for (int i = 0; i < 20000; ++i) z.push_back(-(gen() / 4294967296.0) * 1e-3);  // near 1
  for (double v : {0.0, -0.0, 1e-300, -1e-17, -0.34657359027997264, -0.34657359027997265, -1.0, -34.5, -708.39, -708.4,
                   -709.0, -744.0, -745.1, -745.13, 3.0, 709.0, 746.0, 800.0})
    z.push_back(v);
  std::vector<double> e(z.size());
  kernels::exp_minus_abs(z.data(), e.data(), static_cast<Eigen::Index>(z.size()));
  std::int64_t worst = 0;
  for (std::size_t i = 0; i < z.size(); ++i) {
    const double expected = std::exp(-std::abs(z[i]));
    const std::int64_t apart = ulps_apart(e[i], expected);
    worst = std::max(worst, apart);
    ASSERT_LE(apart, 2) << "exp(" << -std::abs(z[i]) << "): " << e[i] << " against " << expected;
  }
  EXPECT_LE(worst, 2);
  const double zero = 0.0;
  kernels::exp_minus_abs(&zero, e.data(), 1);
  EXPECT_EQ(e[0], 1.0);
}

TEST(ExpKernel, EdgesAndTheScalarTailAgreeWithTheVectorLanes) {
  const double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> z = {-inf, inf, 1e308, -2000.0, nan};
  std::vector<double> e(z.size());
  kernels::exp_minus_abs(z.data(), e.data(), static_cast<Eigen::Index>(z.size()));
  for (int i = 0; i < 4; ++i) EXPECT_EQ(e[static_cast<std::size_t>(i)], 0.0) << z[static_cast<std::size_t>(i)];
  EXPECT_TRUE(std::isnan(e[4]));
  // Odd lengths end in the scalar tail: every value must come out as it does in a lane.
  std::mt19937 gen{3};
  std::vector<double> many(101);
  for (double& v : many) v = (gen() / 4294967296.0 - 0.5) * 100;
  std::vector<double> batch(many.size()), one(1);
  kernels::exp_minus_abs(many.data(), batch.data(), static_cast<Eigen::Index>(many.size()));
  for (std::size_t i = 0; i < many.size(); ++i) {
    kernels::exp_minus_abs(&many[i], one.data(), 1);
    EXPECT_EQ(one[0], batch[i]) << many[i];
  }
}

// The blocked Gram matrix sums each entry exactly as kernels::dot does: equal bit for bit,
// at sizes below, at and across its 16-row lanes and 256-row blocks.
TEST(GramKernel, EqualsOneDotPerPairBitForBit) {
  std::mt19937 gen{11};
  const auto uniform = [&] { return static_cast<float>(gen() / 4294967296.0 * 2 - 1); };
  for (const auto& [n, d] :
       std::vector<std::pair<Eigen::Index, Eigen::Index>>{{1, 1}, {15, 3}, {16, 2}, {257, 5}, {1000, 30}, {4099, 7}}) {
    Eigen::MatrixXf X(n, d);
    Eigen::VectorXf w(n);
    for (Eigen::Index i = 0; i < X.size(); ++i) X.data()[i] = uniform();
    for (Eigen::Index i = 0; i < n; ++i) w(i) = 0.25f * (uniform() + 1);
    Eigen::MatrixXf G = Eigen::MatrixXf::Constant(d, d, -1);
    kernels::GramScratch scratch;
    kernels::weighted_gram(X.data(), n, d, w.data(), G.data(), scratch);
    Eigen::VectorXf wx(n);
    for (Eigen::Index j = 0; j < d; ++j) {
      for (Eigen::Index i = 0; i < n; ++i) wx(i) = X(i, j) * w(i);
      for (Eigen::Index m = 0; m <= j; ++m)
        ASSERT_EQ(G(j, m), kernels::dot(wx.data(), X.col(m).data(), n)) << n << " x " << d << " at " << j << ", " << m;
    }
  }
}

}  // namespace
}  // namespace lab
