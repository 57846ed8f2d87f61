// The sparse layer kernel: Y = W X + b for a kernel W stored as CSR (out x in) and a batch of
// n rows held feature-major, X[k * n + s] (the n rows' values of input k side by side), with Y
// likewise (out x n). Each stored weight then multiplies a contiguous run of rows, so the
// work is proportional to the non-zeros and is vectorised over rows; a single row (n = 1)
// walks the non-zeros once. Each entry is bias + w_1 x_1 + w_2 x_2 + ... in storage order, the
// same in every build.
#pragma once
#include <cstddef>
#include <cstdint>

namespace lab::kernels {

void csr_matmul(const std::uint32_t* row_ptr, const std::uint16_t* column, const float* value, const float* bias,
                int out, const float* X, std::ptrdiff_t n, float* Y);

}  // namespace lab::kernels
