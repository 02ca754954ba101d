// The Chinese name of every input field of the contract, so a refusal reads "昵称不能为空", not "参数 nickname ...".
// Keyed by the field's path without array indices ('shipping.phone', 'order.items.amountFen'); a path not listed is
// looked up by its shorter tails ('items.amountFen', then 'amountFen'). tests/unit/fieldLabels.test.ts walks every
// action's input schema and fails when a field has no label here.
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  // member, checkin, task, referral
  inviteCode: '邀请码',
  kind: '明细类型',
  cursor: '分页位置',
  pageSize: '每页条数',
  nickname: '昵称',
  avatarUrl: '头像',
  code: '编码',
  month: '月份',
  day: '日期',
  source: '任务来源',
  taskId: '任务',
  // mall
  category: '分类',
  itemId: '商品',
  quantity: '数量',
  requestId: '请求编号',
  shipping: '收货信息',
  'shipping.name': '收货人',
  'shipping.phone': '手机号',
  'shipping.address': '收货地址',
  redemptionId: '兑换记录',
  reason: '原因',
  // staff, admin
  memberNo: '会员号',
  orderId: '小票号',
  amountFen: '消费金额',
  items: '商品明细',
  'items.sku': '商品编码',
  'items.name': '商品名称',
  'items.category': '商品品类',
  'items.quantity': '商品数量',
  'items.amountFen': '商品金额',
  paidAt: '支付时间',
  amount: '调整积分',
  from: '开始日期',
  to: '结束日期',
  activityId: '活动编号',
  status: '状态',
  id: '审批单',
  approve: '审批结果',
  rules: '规则',
  expectedVersion: '配置版本',
  note: '备注',
  limit: '每页条数',
  // the console's staff section
  includeInactive: '是否含停用员工',
  name: '姓名',
  role: '岗位',
  storeId: '门店',
  staffOpenid: '员工',
  active: '是否启用',
  action: '操作',
  invitation: '邀请码',
  // the console's members section
  keyword: '搜索内容',
  searchBy: '搜索方式',
  frozen: '冻结状态',
  text: '备注内容',
  // signed requests of outside systems
  channel: '渠道',
  timestamp: '时间戳',
  nonce: '随机串',
  signature: '签名',
  order: '订单',
  'order.orderId': '订单号',
  'order.amountFen': '订单金额',
  'order.storeId': '门店',
  'order.format': '业态',
  refund: '退款',
  'refund.refundId': '退款单号',
  'refund.orderId': '订单号',
  'refund.amountFen': '退款金额',
  'refund.refundedAt': '退款时间',
  'refund.reason': '退款原因',
  review: '评价',
  'review.reviewId': '评价编号',
  'review.orderId': '订单号',
  'review.withPhoto': '是否带图',
  'review.reviewedAt': '评价时间',
};

/** The label of a field path (indices left out), or null when the contract names no such field. */
export function labelOf(keys: readonly string[]): string | null {
  for (let i = 0; i < keys.length; i++) {
    const key = keys.slice(i).join('.');
    if (Object.prototype.hasOwnProperty.call(FIELD_LABELS, key)) return FIELD_LABELS[key];
  }
  return null;
}
