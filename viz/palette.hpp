#pragma once
// The dark, calm palette: low-glare background, soft panels, and a few saturated colours kept for meaning
// (health, failure reasons, objectives, faults), legible from the back of a room and on a projector.
#include <array>
#include <cstdint>

namespace sdsim::viz {

struct Colour {
  std::uint8_t r = 0;
  std::uint8_t g = 0;
  std::uint8_t b = 0;
  std::uint8_t a = 255;
  bool operator==(const Colour&) const = default;
};

namespace palette {
inline constexpr Colour background{0x16, 0x1b, 0x22};
inline constexpr Colour panel{0x1f, 0x26, 0x30};
inline constexpr Colour lane_a{0x1c, 0x23, 0x2c};
inline constexpr Colour lane_b{0x21, 0x29, 0x33};
inline constexpr Colour grid{0x33, 0x3d, 0x4a};
inline constexpr Colour axis{0x6b, 0x77, 0x85};
inline constexpr Colour text{0xe6, 0xea, 0xef};
inline constexpr Colour muted{0x9a, 0xa5, 0xb1};
inline constexpr Colour edge{0x5c, 0x6a, 0x7a};
inline constexpr Colour span{0x3a, 0x46, 0x55, 0x70};  // behind a block placed in several zones
inline constexpr Colour healthy{0x4c, 0xc3, 0x8a};
inline constexpr Colour strained{0xe8, 0xb9, 0x4a};
inline constexpr Colour failing{0xe5, 0x5b, 0x5b};
inline constexpr Colour fault{0xd9, 0x4f, 0x4f, 0x55};  // translucent red over the lanes a fault hits
inline constexpr Colour fault_edge{0xe5, 0x5b, 0x5b};
inline constexpr Colour slo{0xf2, 0xa6, 0x5a};       // objective lines
inline constexpr Colour particle{0xcf, 0xe3, 0xf5};  // a request in flight
inline constexpr Colour cursor{0xe6, 0xea, 0xef, 0x90};
inline constexpr Colour p50{0x5a, 0xa9, 0xe6};
inline constexpr Colour p99{0xb3, 0x8b, 0xf0};
inline constexpr Colour throughput{0x4c, 0xc3, 0x8a};
inline constexpr Colour ring_track{0x33, 0x3d, 0x4a};
// Failure reasons, in trace::failure_reasons order.
inline constexpr std::array<Colour, 5> reasons{Colour{0xe5, 0x5b, 0x5b}, Colour{0xe8, 0xb9, 0x4a},
                                               Colour{0xd0, 0x6f, 0xc0}, Colour{0xf2, 0x8c, 0x38},
                                               Colour{0x8f, 0x9b, 0xa8}};
}  // namespace palette

}  // namespace sdsim::viz
