#include "models/mlp.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "kernels/dense.hpp"
#include "lab/error.hpp"
#include "metrics/metrics.hpp"

namespace lab {

using kernels::matmul;
namespace {

using MapM = Eigen::Map<Eigen::MatrixXf>;
using CMapM = Eigen::Map<const Eigen::MatrixXf>;
using CMapV = Eigen::Map<const Eigen::VectorXf>;

// Element-wise steps as plain loops (vectorized in every build; Eigen's are scalar in wasm).
void activate(const std::string& kind, Eigen::MatrixXf& z) {
  if (kind == "relu") {
    float* v = z.data();
    for (Eigen::Index i = 0; i < z.size(); ++i) v[i] = v[i] > 0.0f ? v[i] : 0.0f;
  } else if (kind == "tanh") {
    z = z.array().tanh();
  } else {
    z = (1.0f + (-z.array()).exp()).inverse();
  }
}

// Multiplies `grad` by the activation's derivative, expressed through its output h.
void activation_grad(const std::string& kind, const Eigen::MatrixXf& h, Eigen::MatrixXf& grad) {
  if (kind == "relu") {
    const float* a = h.data();
    float* g = grad.data();
    for (Eigen::Index i = 0; i < grad.size(); ++i) g[i] = a[i] > 0.0f ? g[i] : 0.0f;
  } else if (kind == "tanh") {
    grad.array() *= 1.0f - h.array().square();
  } else {
    grad.array() *= h.array() * (1.0f - h.array());
  }
}

// out = a * b element-wise (dropout masks); out may be a.
void multiply(const Eigen::MatrixXf& a, const Eigen::MatrixXf& b, Eigen::MatrixXf& out) {
  out.resize(a.rows(), a.cols());
  const float* x = a.data();
  const float* y = b.data();
  float* o = out.data();
  for (Eigen::Index i = 0; i < a.size(); ++i) o[i] = x[i] * y[i];
}

float softplus(float z) { return z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z)); }
float sigmoid_of(float z) { return z >= 0 ? 1 / (1 + std::exp(-z)) : std::exp(z) / (1 + std::exp(z)); }

// Softmax of each column of z in place, shifted by the column's maximum (no overflow).
void softmax_columns(Eigen::MatrixXf& z) {
  for (Eigen::Index i = 0; i < z.cols(); ++i) {
    auto col = z.col(i);
    col.array() = (col.array() - col.maxCoeff()).exp();
    col /= col.sum();
  }
}

}  // namespace

Mlp::Mlp(int inputs, const MlpOptions& options, Rng& rng, MlpHead head, int outputs) : options_(options), head_(head) {
  sizes_.push_back(inputs);
  for (int h : options.hidden) sizes_.push_back(h);
  sizes_.push_back(head == MlpHead::Softmax ? outputs : 1);
  Eigen::Index offset = 0;
  for (std::size_t l = 0; l + 1 < sizes_.size(); ++l) {
    Layer layer;
    layer.in = sizes_[l];
    layer.out = sizes_[l + 1];
    layer.weight = offset;
    offset += static_cast<Eigen::Index>(layer.in) * layer.out;
    layer.bias = offset;
    offset += layer.out;
    bool hidden = l + 2 < sizes_.size();
    if (hidden && options.batch_norm) {
      layer.gamma = offset;
      offset += layer.out;
      layer.beta = offset;
      offset += layer.out;
      running_mean_.push_back(Eigen::VectorXf::Zero(layer.out));
      running_var_.push_back(Eigen::VectorXf::Ones(layer.out));
    }
    layers_.push_back(layer);
  }
  params_ = Eigen::VectorXf::Zero(offset);
  kernel_mask_ = Eigen::VectorXf::Zero(offset);
  const bool he = options.init == "he" || (options.init == "auto" && options.activation == "relu");
  for (const auto& layer : layers_) {
    // Uniform init keeps initial weights bit-identical across builds (no transcendental calls).
    const double limit = he ? std::sqrt(6.0 / layer.in) : std::sqrt(6.0 / (layer.in + layer.out));
    const Eigen::Index count = static_cast<Eigen::Index>(layer.in) * layer.out;
    for (Eigen::Index i = 0; i < count; ++i) params_(layer.weight + i) = static_cast<float>(rng.uniform(-limit, limit));
    kernel_mask_.segment(layer.weight, count).setOnes();
    if (layer.gamma >= 0) params_.segment(layer.gamma, layer.out).setOnes();
  }
}

double Mlp::penalty() const {
  if (options_.l2 == 0 && options_.l1 == 0) return 0;
  double l2 = 0, l1 = 0;
  for (const auto& layer : layers_) {
    auto w = params_.segment(layer.weight, static_cast<Eigen::Index>(layer.in) * layer.out);
    l2 += w.squaredNorm();
    l1 += w.cwiseAbs().sum();
  }
  return options_.l2 * l2 + options_.l1 * l1;
}

Eigen::MatrixXf Mlp::outputs(const Eigen::MatrixXf& Xt) const {
  Eigen::MatrixXf a = Xt;
  std::size_t bn = 0;
  for (std::size_t l = 0; l < layers_.size(); ++l) {
    const Layer& L = layers_[l];
    CMapM W(params_.data() + L.weight, L.out, L.in);
    CMapV b(params_.data() + L.bias, L.out);
    Eigen::MatrixXf z = W * a;
    z.colwise() += b;
    if (l + 1 == layers_.size()) return z;
    if (L.gamma >= 0) {
      Eigen::ArrayXf inv = (running_var_[bn].array() + kBatchNormEpsilon).rsqrt();
      Eigen::ArrayXf g = CMapV(params_.data() + L.gamma, L.out).array() * inv;
      Eigen::ArrayXf shift = CMapV(params_.data() + L.beta, L.out).array() - running_mean_[bn].array() * g;
      z.array().colwise() *= g;
      z.array().colwise() += shift;
      ++bn;
    }
    activate(options_.activation, z);
    a = std::move(z);
  }
  return {};
}

namespace {

// Rows per block of an inference pass: a block's activations (hidden units x rows) stay small
// and in cache; the whole matrix at once held several (rows x hidden) float copies (at 100k
// rows, 40 MB of the MLP run's 131 MiB peak). A short last block joins the one before it.
constexpr Eigen::Index kInferenceRows = 2048;

}  // namespace

Eigen::MatrixXf Mlp::outputs_of_rows(const Eigen::MatrixXd& X) const {
  const Eigen::Index n = X.rows();
  Eigen::MatrixXf out(sizes_.back(), n);
  for (Eigen::Index lo = 0; lo < n;) {
    Eigen::Index rows = std::min(kInferenceRows, n - lo);
    if (n - lo - rows < kInferenceRows / 8) rows = n - lo;
    out.middleCols(lo, rows) = outputs(X.middleRows(lo, rows).transpose().cast<float>());
    lo += rows;
  }
  return out;
}

Eigen::VectorXd Mlp::predict_proba(const Eigen::MatrixXd& X) const {
  Eigen::VectorXf z = outputs_of_rows(X).row(0).transpose();
  return z.cast<double>().unaryExpr(
      [](double v) { return v >= 0 ? 1 / (1 + std::exp(-v)) : std::exp(v) / (1 + std::exp(v)); });
}

Eigen::MatrixXd Mlp::predict(const Eigen::MatrixXd& X) const {
  if (head_ == MlpHead::Sigmoid) return predict_proba(X);
  Eigen::MatrixXf z = outputs_of_rows(X);
  if (head_ == MlpHead::Softmax) softmax_columns(z);
  return z.transpose().cast<double>();
}

Mlp::Evaluation Mlp::evaluate(const Eigen::MatrixXd& X, const Eigen::VectorXd& y) const {
  Evaluation e;
  if (head_ == MlpHead::Sigmoid) {
    const Eigen::VectorXd p = predict_proba(X);
    e.loss = log_loss(y, p);
    e.accuracy = lab::accuracy(y, p);
    return e;
  }
  const Eigen::MatrixXd out = predict(X);
  const double n = static_cast<double>(X.rows());
  if (head_ == MlpHead::Linear) {
    e.loss = (out.col(0) - y).squaredNorm() / n;
    e.accuracy = std::nan("");
    return e;
  }
  long correct = 0;
  for (Eigen::Index i = 0; i < out.rows(); ++i) {
    Eigen::Index best = 0;
    out.row(i).maxCoeff(&best);
    correct += best == static_cast<Eigen::Index>(y(i));
    e.loss -= std::log(std::max(out(i, static_cast<Eigen::Index>(y(i))), 1e-15));
  }
  e.loss /= n;
  e.accuracy = static_cast<double>(correct) / n;
  return e;
}

double Mlp::forward_backward(const Eigen::MatrixXf& Xt, const Eigen::VectorXf& y, Rng& rng, Eigen::VectorXf& grads,
                             bool update_running_stats, int* correct, const SoftTargets* soft) {
  const int batch = static_cast<int>(Xt.cols());
  const std::size_t depth = layers_.size();
  const float keep = static_cast<float>(1.0 - options_.dropout);
  Workspace& w = work_;
  w.input.resize(depth);
  w.output.resize(depth);
  w.normalized.resize(depth);
  w.mask.resize(depth);
  w.inv_std.resize(depth);
  grads.resize(params_.size());

  // Forward, keeping what the backward pass needs: input[l] is layer l's input (after the
  // previous layer's dropout), output[l] a hidden layer's activation before dropout.
  w.input[0] = Xt;
  std::size_t bn = 0;
  for (std::size_t l = 0; l < depth; ++l) {
    const Layer& L = layers_[l];
    const bool last = l + 1 == depth;
    Eigen::MatrixXf& z = last ? w.delta : w.output[l];
    z.resize(L.out, batch);
    matmul(params_.data() + L.weight, L.out, L.in, w.input[l].data(), batch, z.data(), params_.data() + L.bias);
    if (last) break;
    if (L.gamma >= 0) {
      Eigen::ArrayXf mean = z.rowwise().mean().array();
      Eigen::ArrayXf var = (z.array().colwise() - mean).square().rowwise().mean();
      w.inv_std[l] = (var + kBatchNormEpsilon).rsqrt();
      w.normalized[l] = ((z.array().colwise() - mean).colwise() * w.inv_std[l]).matrix();
      z = (w.normalized[l].array().colwise() * CMapV(params_.data() + L.gamma, L.out).array()).matrix();
      z.colwise() += CMapV(params_.data() + L.beta, L.out);
      if (update_running_stats) {
        running_mean_[bn] = kBatchNormMomentum * running_mean_[bn].array() + (1 - kBatchNormMomentum) * mean;
        running_var_[bn] = kBatchNormMomentum * running_var_[bn].array() + (1 - kBatchNormMomentum) * var;
      }
      ++bn;
    }
    activate(options_.activation, z);
    Eigen::MatrixXf& next = w.input[l + 1];
    if (options_.dropout > 0) {
      // A unit is dropped when rng.uniform() < dropout. uniform() is (next() >> 11) * 2^-53, so
      // the same test on the integer is next() >> 11 < ceil(dropout * 2^53): the same masks as
      // drawing uniform() itself, without an int-to-double conversion per unit.
      const std::uint64_t below = static_cast<std::uint64_t>(std::ceil(options_.dropout * 0x1.0p53));
      const float scale = 1.0f / keep;
      Eigen::MatrixXf& mask = w.mask[l];
      mask.resize(z.rows(), z.cols());
      float* m = mask.data();
      for (Eigen::Index i = 0; i < mask.size(); ++i) m[i] = (rng.next() >> 11) < below ? 0.0f : scale;
      multiply(z, mask, next);
    } else {
      next = z;
    }
  }
  // Loss and the output layer's pre-activation gradient (delta, outputs x batch), by head.
  // Sigmoid: mean binary cross-entropy from logits, mixed with the soft-target loss when
  // distilling; d/dz of T^2 CE(q, sigmoid(z / T)) is T (sigmoid(z / T) - q).
  // Softmax: mean cross-entropy, -z_y + log sum exp z; d/dz = softmax(z) - onehot(y).
  // Linear: mean squared error (z - y)^2; d/dz = 2 (z - y).
  Eigen::MatrixXf& delta = w.delta;
  const float inv_batch = 1.0f / static_cast<float>(batch);
  double loss = 0;
  if (correct) *correct = 0;
  if (head_ == MlpHead::Sigmoid) {
    const Eigen::VectorXf z_out = delta.row(0).transpose();
    const float hard_weight = soft ? soft->alpha : 1.0f;
    for (Eigen::Index i = 0; i < batch; ++i) loss += hard_weight * (softplus(z_out(i)) - y(i) * z_out(i));
    if (soft) {
      const float T = soft->temperature;
      for (Eigen::Index i = 0; i < batch; ++i) {
        const float q = sigmoid_of((*soft->teacher_scores)(0, i) / T), u = z_out(i) / T;
        loss += (1 - soft->alpha) * T * T * (softplus(u) - q * u);
      }
    }
    if (correct)
      for (Eigen::Index i = 0; i < batch; ++i) *correct += (z_out(i) > 0) == (y(i) > 0.5f);
    for (Eigen::Index i = 0; i < batch; ++i) {
      float d = hard_weight * (sigmoid_of(z_out(i)) - y(i));
      if (soft) {
        const float T = soft->temperature;
        d += (1 - soft->alpha) * T * (sigmoid_of(z_out(i) / T) - sigmoid_of((*soft->teacher_scores)(0, i) / T));
      }
      delta(0, i) = d * inv_batch;
    }
  } else if (head_ == MlpHead::Softmax) {
    const float hard_weight = soft ? soft->alpha : 1.0f;
    Eigen::VectorXf student_soft, teacher_soft;
    for (Eigen::Index i = 0; i < batch; ++i) {
      auto col = delta.col(i);
      const Eigen::Index label = static_cast<Eigen::Index>(y(i));
      Eigen::Index best = 0;
      const float top = col.maxCoeff(&best);
      if (correct) *correct += best == label;
      if (soft) {  // softmax(z / T) and softmax(z_t / T), and the soft cross-entropy
        const float T = soft->temperature;
        student_soft = (col.array() / T - top / T).exp();
        const float student_sum = student_soft.sum();
        student_soft /= student_sum;
        const auto t = soft->teacher_scores->col(i);
        teacher_soft = (t.array() / T - t.maxCoeff() / T).exp();
        teacher_soft /= teacher_soft.sum();
        // -sum q log softmax(z/T)_k = log sum exp(z/T - top/T) + top/T - q'z/T
        loss += (1 - soft->alpha) * T * T * (std::log(student_sum) + top / T - teacher_soft.dot(col) / T);
      }
      const float z_y = col(label);
      col.array() = (col.array() - top).exp();
      const float sum = col.sum();
      loss += hard_weight * (std::log(sum) + top - z_y);
      col /= sum;
      col(label) -= 1.0f;
      col *= hard_weight;
      if (soft) col += (1 - soft->alpha) * soft->temperature * (student_soft - teacher_soft);
      col *= inv_batch;
    }
  } else {
    const float hard_weight = soft ? soft->alpha : 1.0f;
    for (Eigen::Index i = 0; i < batch; ++i) {
      const float r = delta(0, i) - y(i);
      loss += hard_weight * static_cast<double>(r) * r;
      float d = 2.0f * hard_weight * r;
      if (soft) {
        const float rt = delta(0, i) - (*soft->teacher_scores)(0, i);
        loss += (1 - soft->alpha) * static_cast<double>(rt) * rt;
        d += 2.0f * (1 - soft->alpha) * rt;
      }
      delta(0, i) = d * inv_batch;
    }
  }
  loss = loss / static_cast<double>(batch) + penalty();

  for (std::size_t l = depth; l-- > 0;) {
    const Layer& L = layers_[l];
    w.transposed = w.input[l].transpose();  // dW = D A' as M X with M = D, X = A'
    matmul(delta.data(), L.out, batch, w.transposed.data(), L.in, grads.data() + L.weight, nullptr);
    grads.segment(L.bias, L.out) = delta.rowwise().sum();
    if (l == 0) break;
    Eigen::MatrixXf& da = w.input_grad;
    da.resize(L.in, batch);
    w.transposed = CMapM(params_.data() + L.weight, L.out, L.in).transpose();  // dA = W' D
    matmul(w.transposed.data(), L.in, L.out, delta.data(), batch, da.data(), nullptr);
    const std::size_t k = l - 1;  // the hidden layer that produced input[l]
    const Layer& H = layers_[k];
    if (options_.dropout > 0) multiply(da, w.mask[k], da);
    activation_grad(options_.activation, w.output[k], da);
    if (H.gamma >= 0) {
      const Eigen::ArrayXf gamma = CMapV(params_.data() + H.gamma, H.out).array();
      grads.segment(H.gamma, H.out) = (da.array() * w.normalized[k].array()).rowwise().sum().matrix();
      grads.segment(H.beta, H.out) = da.rowwise().sum();
      Eigen::ArrayXXf dxhat = da.array().colwise() * gamma;
      Eigen::ArrayXf sum_dxhat = dxhat.rowwise().sum();
      Eigen::ArrayXf sum_dxhat_xhat = (dxhat * w.normalized[k].array()).rowwise().sum();
      const float n = static_cast<float>(batch);
      Eigen::ArrayXXf dz = (dxhat * n).colwise() - sum_dxhat;
      dz -= w.normalized[k].array().colwise() * sum_dxhat_xhat;
      da = (dz.colwise() * (w.inv_std[k] / n)).matrix();
    }
    delta.swap(da);
  }
  // Penalty gradients on kernels.
  if (options_.l2 != 0 || options_.l1 != 0) {
    for (const auto& L : layers_) {
      const Eigen::Index count = static_cast<Eigen::Index>(L.in) * L.out;
      auto wk = params_.segment(L.weight, count).array();
      grads.segment(L.weight, count).array() +=
          static_cast<float>(2 * options_.l2) * wk + static_cast<float>(options_.l1) * wk.sign();
    }
  }
  return loss;
}

}  // namespace lab
