#include "sim/experiment/price_builder.hpp"

namespace sdsim {

PriceModel price_model_of(const BlockSpec& block) {
  const BlockParams& p = block.params;
  PriceModel price;
  price.per_unit_hour = p.number_or("price_per_hour", 0);
  price.per_million_requests = p.number_or("price_per_million_requests", 0);
  price.per_million_reads = p.number_or("price_per_million_reads", 0);
  price.per_million_writes = p.number_or("price_per_million_writes", 0);
  if (block.kind == "function") {
    // A busy environment is the billed unit: its memory (Lambda counts 1 GB as 1024 MB) for an hour.
    price.per_unit_hour = p.number_or("memory_mb", 128) / 1024 * 3600 * p.number_or("price_per_gb_second", 0);
  } else if (block.kind == "kv_database") {
    // A provisioned table bills its capacity per hour, used or not (on-demand: its request units).
    price.per_rcu_hour = p.number_or("price_per_rcu_hour", 0);
    price.per_wcu_hour = p.number_or("price_per_wcu_hour", 0);
  }
  return price;
}

TransferPrices transfer_prices_of(const NetworkSpec& network) {
  TransferPrices prices{};
  prices[static_cast<std::size_t>(HopClass::cross_az)] = network.cross_az_usd_per_gb;
  prices[static_cast<std::size_t>(HopClass::cross_region)] = network.cross_region_usd_per_gb;
  prices[static_cast<std::size_t>(HopClass::internet_out)] = network.internet_out_usd_per_gb;
  return prices;
}

}  // namespace sdsim
