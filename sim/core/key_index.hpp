#pragma once
// A compact hash index from 64-bit keys to 32-bit values (slots of a caller's node pool): open addressing
// with linear probing in one flat power-of-two table, backward-shift deletion (no tombstones). A lookup
// touches one or two cache lines instead of a node-based map's bucket and node. Memory grows with the keys
// held (the table doubles past 3/4 full) and stays at its peak. No iteration: its order would mean nothing.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace sdsim {

class KeyIndex {
 public:
  // The value find() and erase() return for a key not held; never a stored value.
  static constexpr std::uint32_t absent = 0xFFFF'FFFFu;

  // The key's value, or `absent`.
  std::uint32_t find(std::uint64_t key) const {
    if (size_ == 0) return absent;
    for (std::size_t i = home(key);; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.value == absent) return absent;
      if (s.key == key) return s.value;
    }
  }
  bool contains(std::uint64_t key) const { return find(key) != absent; }
  // Starts loading the key's home slot into the cache: a caller that knows a key well before it looks the key
  // up (across a simulated service time) hides the miss of a table larger than the CPU's caches.
  void prefetch(std::uint64_t key) const {
    if (size_ != 0) __builtin_prefetch(&slots_[home(key)]);
  }

  // Stores key -> value (value != absent) and returns true; false, changing nothing, if the key is held.
  bool insert(std::uint64_t key, std::uint32_t value) {
    if ((size_ + 1) * 4 > slots_.size() * 3) grow();
    for (std::size_t i = home(key);; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.value == absent) {
        s = Slot{key, value};
        ++size_;
        return true;
      }
      if (s.key == key) return false;
    }
  }

  // Removes the key; returns the value it had, or `absent` if it was not held.
  std::uint32_t erase(std::uint64_t key) {
    if (size_ == 0) return absent;
    std::size_t i = home(key);
    for (;; i = (i + 1) & mask_) {
      if (slots_[i].value == absent) return absent;
      if (slots_[i].key == key) break;
    }
    const std::uint32_t value = slots_[i].value;
    // Backward shift: pull later keys of the probe run into the hole when the hole lies between their home
    // slot and where they sit, so that every key stays reachable from its home without tombstones.
    for (std::size_t j = (i + 1) & mask_;; j = (j + 1) & mask_) {
      const Slot& s = slots_[j];
      if (s.value == absent) break;
      if (((j - home(s.key)) & mask_) >= ((j - i) & mask_)) {
        slots_[i] = s;
        i = j;
      }
    }
    slots_[i].value = absent;
    --size_;
    return value;
  }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // Table slots allocated (0 or a power of two >= 8): memory is 16 bytes per slot.
  std::size_t slot_count() const { return slots_.size(); }
  // Forgets every key, keeping the table.
  void clear() {
    for (Slot& s : slots_)
      s.value = absent;
    size_ = 0;
  }

 private:
  struct Slot {
    std::uint64_t key = 0;
    std::uint32_t value = absent;  // absent: an empty slot
  };

  // Fibonacci hashing: the top bits of key * 2^64/phi, so that dense or strided keys spread evenly.
  std::size_t home(std::uint64_t key) const {
    return static_cast<std::size_t>((key * 0x9E37'79B9'7F4A'7C15ull) >> shift_);
  }

  void grow() {
    std::vector<Slot> old = std::move(slots_);
    const std::size_t count = old.empty() ? 8 : old.size() * 2;
    slots_.assign(count, Slot{});
    mask_ = count - 1;
    shift_ = 64;
    for (std::size_t c = count; c > 1; c >>= 1)
      --shift_;
    for (const Slot& s : old) {
      if (s.value == absent) continue;
      std::size_t i = home(s.key);
      while (slots_[i].value != absent)
        i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  unsigned shift_ = 64;
  std::size_t size_ = 0;
};

}  // namespace sdsim
