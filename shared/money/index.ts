export {
  priceOrder,
  computeOrder,
  allocateProportionally,
} from './price-order.js';
export { parseOrderInput } from './parse-order-input.js';
export { parseDecimal, roundHalfAwayFromZero } from './decimal.js';
export { currencyExponent, formatMoney } from './currency.js';
