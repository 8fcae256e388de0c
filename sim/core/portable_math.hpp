#pragma once
// log and exp built from IEEE-754 additions and multiplications only, so that the same inputs give the same
// bits on every machine (the C library picks per-CPU variants, e.g. with and without FMA, that can differ in
// the last bit). Relative error below 1e-15; used wherever a random sample is computed.
#include <array>
#include <bit>
#include <cstdint>
#include <limits>

namespace sdsim {

namespace portable_math_detail {

inline constexpr int table_bits = 8;
inline constexpr int table_size = 1 << table_bits;
inline constexpr double ln2_hi = 6.93147180369123816490e-01;  // ln 2 split so that e * ln2_hi is exact
inline constexpr double ln2_lo = 1.90821492927058770002e-10;

// ln(c) for c in [1, 2) by the atanh series, evaluated at compile time (exactly rounded IEEE operations).
constexpr double series_log(double c) {
  double s = (c - 1) / (c + 1), s2 = s * s, term = s, sum = 0;
  for (int k = 0; k < 40; ++k) {
    sum += term / (2 * k + 1);
    term *= s2;
  }
  return 2 * sum;
}

struct LogEntry {
  double center;          // c_i, the centre of the i-th slice of [1, 2)
  double inverse_center;  // 1 / c_i
  double log_center;      // ln(c_i), or ln(c_i / 2) above sqrt(2): values just below a power of two then
  double exponent_shift;  // 0, or 1 above sqrt(2); come out small instead of by cancellation
};

constexpr std::array<LogEntry, table_size> make_log_table() {
  std::array<LogEntry, table_size> table{};
  for (int i = 0; i < table_size; ++i) {
    double center = 1.0 + (i + 0.5) / table_size;
    bool upper = center > 1.4142135623730951;
    table[i] = {center, 1.0 / center, series_log(upper ? center / 2 : center), upper ? 1.0 : 0.0};
  }
  return table;
}

inline constexpr std::array<LogEntry, table_size> log_table = make_log_table();

inline constexpr int exp_table_bits = 7;
inline constexpr int exp_table_size = 1 << exp_table_bits;

// 2^(j / 128) for j in [0, 128), evaluated at compile time: the Taylor series of e^y at y = j ln2_hi / 128
// (exact), summed smallest term first with compensation, then times e^(j ln2_lo / 128) to first order.
constexpr std::array<double, exp_table_size> make_exp_table() {
  std::array<double, exp_table_size> table{};
  for (int j = 0; j < exp_table_size; ++j) {
    const double y = j * (ln2_hi / exp_table_size);
    std::array<double, 30> terms{};
    terms[0] = 1;
    for (int n = 1; n < 30; ++n)
      terms[n] = terms[n - 1] * y / n;
    double sum = 0, lost = 0;  // Kahan summation
    for (int n = 29; n >= 0; --n) {
      const double add = terms[n] - lost;
      const double next = sum + add;
      lost = (next - sum) - add;
      sum = next;
    }
    table[j] = sum + sum * (j * (ln2_lo / exp_table_size));
  }
  return table;
}

inline constexpr std::array<double, exp_table_size> exp_table = make_exp_table();

}  // namespace portable_math_detail

// Natural logarithm of a positive, normal x.
inline double portable_log(double x) {
  using namespace portable_math_detail;
  if (!(x > 0.0))
    return x == 0.0 ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::quiet_NaN();
  if (x > 0.99609375 && x < 1.00390625) {
    // Within one table slice of 1, ln(1 + r) directly keeps the relative error small as the result nears 0.
    double r = x - 1.0;  // exact (Sterbenz)
    double sum = 0;
    for (int n = 12; n >= 1; --n)
      sum = (n % 2 ? 1.0 : -1.0) / n + r * sum;
    return r * sum;
  }
  auto bits = std::bit_cast<std::uint64_t>(x);
  auto exponent = static_cast<int>(bits >> 52) - 1023;
  std::uint64_t fraction = bits & ((std::uint64_t{1} << 52) - 1);
  double m = std::bit_cast<double>(fraction | 0x3FF0000000000000ull);  // in [1, 2)
  const LogEntry& entry = log_table[fraction >> (52 - table_bits)];
  // m - c is exact (Sterbenz), so r carries a relative, not an absolute, rounding error.
  double r = (m - entry.center) * entry.inverse_center;  // |r| < 1/511
  // ln(1 + r) to degree 5, evaluated in two independent halves (Estrin) to shorten the dependency chain; the
  // truncation error is below r^6 / 6 < 3e-17.
  double r2 = r * r;
  double poly = (r + r2 * (-0.5 + r * (1.0 / 3))) + (r2 * r2) * (-0.25 + r * 0.2);
  double e = exponent + entry.exponent_shift;
  return e * ln2_hi + entry.log_center + (poly + e * ln2_lo);
}

// e^x; saturates to 0 and +infinity outside the range of a double.
inline double portable_exp(double x) {
  using namespace portable_math_detail;
  if (x > 709.0) return std::numeric_limits<double>::infinity();
  if (x < -745.0) return 0.0;
  // x = k ln2 / 128 + r: e^x = 2^(k / 128) e^r, with 2^(j / 128) from a table (j = k mod 128). No division:
  // a sample's exponential no longer waits on a chain of them.
  const auto k = static_cast<std::int64_t>(x * (exp_table_size / 0.6931471805599453) + (x < 0 ? -0.5 : 0.5));
  const auto kd = static_cast<double>(k);
  const double r = (x - kd * (ln2_hi / exp_table_size)) - kd * (ln2_lo / exp_table_size);  // |r| <= ln2/256
  // e^r to degree 5 (Estrin): the truncation error is below r^6 / 720 < 6e-19.
  const double r2 = r * r;
  const double poly = (1.0 + r) + r2 * ((0.5 + r * (1.0 / 6)) + r2 * ((1.0 / 24) + r * (1.0 / 120)));
  const double sum = exp_table[static_cast<std::size_t>(k & (exp_table_size - 1))] * poly;
  // Scale by 2^(k div 128) in two exact steps so that results near the subnormal range do not overflow the
  // exponent.
  auto scale = [](std::int64_t power) {
    return std::bit_cast<double>(static_cast<std::uint64_t>(power + 1023) << 52);
  };
  const std::int64_t m = k >> exp_table_bits;  // floor(k / 128), also below 0
  const std::int64_t half = m / 2;
  return sum * scale(half) * scale(m - half);
}

}  // namespace sdsim
