// Fallback for unit tests and the type checker; Taro picks subscribe.weapp.ts / subscribe.h5.ts when building.
export { CAN_SUBSCRIBE, requestSubscription } from './subscribe.h5'
