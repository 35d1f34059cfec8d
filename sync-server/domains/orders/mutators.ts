/** This domain's server mutators by name; domains/server-mutators.ts checks that the groups cover every mutation. */
import type { ServerMutators } from "../../sync/mutator-context.js";
import { cancelOrder, closeOrder, createOrder, deleteOrder, removeOrderLine, setOrderLine, updateOrder } from "./order-mutators.js";
import { markOrderSentManually, retryOrderEmail, sendOrder } from "./send.js";
import { createTemplate, deleteTemplate, setOrderSettings, updateTemplate } from "./template-mutators.js";

export const ORDER_MUTATORS = {
  "order.create": createOrder,
  "order.update": updateOrder,
  "order.setLine": setOrderLine,
  "order.removeLine": removeOrderLine,
  "order.delete": deleteOrder,
  "order.send": sendOrder,
  "order.markSentManually": markOrderSentManually,
  "order.cancel": cancelOrder,
  "order.close": closeOrder,
  "order.retryEmail": retryOrderEmail,
  "orderTemplate.create": createTemplate,
  "orderTemplate.update": updateTemplate,
  "orderTemplate.delete": deleteTemplate,
  "orderSettings.set": setOrderSettings,
} satisfies Partial<ServerMutators>;
