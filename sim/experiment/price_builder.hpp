#pragma once
// A design block's prices from its kind's price parameters (sim/catalog/price_params.hpp), and the network's
// transfer prices, in the shape sim/metrics/cost applies to a run's usage.
#include "sim/design/design.hpp"
#include "sim/metrics/cost.hpp"

namespace sdsim {

PriceModel price_model_of(const BlockSpec& block);
TransferPrices transfer_prices_of(const NetworkSpec& network);

}  // namespace sdsim
