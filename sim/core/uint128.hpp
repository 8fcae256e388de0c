#pragma once
// 128-bit unsigned integer (a GCC/Clang extension; __extension__ keeps -Wpedantic quiet).

namespace sdsim {

__extension__ typedef unsigned __int128 Uint128;  // NOLINT(modernize-use-using): __extension__ needs typedef

}  // namespace sdsim
