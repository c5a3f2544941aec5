/**
 * Words for the demo history (src/demo/history/scripts.ts): what people ask and complain about in each
 * demo category, and what offices answer, in the plain style of 12345 work orders. Made up, with
 * no real firms, people or telephone numbers.
 */

export interface Topic {
  /** Things that go wrong (complaints, requests for help, reports). */
  problems: string[];
  /** Questions (consultations). */
  questions: string[];
  suggestions: string[];
}

/** By category code of src/demo/appeals.ts (leaves, and the roots without children). */
export const TOPICS: Record<string, Topic> = {
  'construction.property': {
    problems: ['小区电梯频繁故障，物业迟迟不维修', '物业公司未经业主大会同意上调物业费', '小区地下车库长期积水，物业不处理', '物业擅自将小区公共绿地改为停车位'],
    questions: ['业主委员会如何成立，需要哪些程序', '住宅专项维修资金如何申请使用'],
    suggestions: ['建议加强对老旧小区物业服务的监管', '建议公开小区公共收益使用情况'],
  },
  'construction.noise': {
    problems: ['工地夜间施工噪音扰民', '渣土车夜间进出工地影响休息', '周末工地打桩声音过大'],
    questions: ['夜间施工需要办理什么手续'],
    suggestions: ['建议公示夜间施工许可信息'],
  },
  'construction.housing': {
    problems: ['新交付房屋墙体开裂渗水，开发商推诿', '购买的商品房逾期交付', '开发商迟迟不办理不动产证'],
    questions: ['商品房质量问题如何申请鉴定', '商品房网签备案需要哪些材料'],
    suggestions: ['建议加强新建住宅分户验收监管'],
  },
  'construction.heating': {
    problems: ['小区供暖温度不达标', '燃气公司入户安检另收费用', '老旧小区燃气管道老化漏气'],
    questions: ['新房如何申请开通天然气', '供暖费缴纳标准是多少'],
    suggestions: ['建议根据气温适当提前供暖'],
  },
  'market.food': {
    problems: ['超市销售过期食品', '餐馆后厨卫生脏乱', '外卖商家没有实体门店', '学校周边小卖部销售三无食品'],
    questions: ['开办小餐饮需要办理哪些证照'],
    suggestions: ['建议公开餐饮单位量化分级结果'],
  },
  'market.price': {
    problems: ['停车场收费未明码标价', '景区周边商户哄抬价格', '药店同一药品价格差异很大'],
    questions: ['商品价格标示有哪些规定'],
    suggestions: ['建议节假日加强价格巡查'],
  },
  'market.unlicensed': {
    problems: ['居民楼地下室有人无证加工食品', '路边有无证行医诊所', '小区内无证经营废品收购站'],
    questions: ['个体工商户营业执照如何办理'],
    suggestions: ['建议简化小摊点登记手续'],
  },
  'market.consumer': {
    problems: ['预付卡商家关门跑路', '网购家电有质量问题商家拒绝退换', '健身房拒绝退还会员费', '装修公司拖延工期并增加费用'],
    questions: ['七日无理由退货如何适用', '消费纠纷如何申请调解'],
    suggestions: ['建议加强预付式消费监管'],
  },
  'social.pension': {
    problems: ['养老金资格认证后仍未到账', '养老保险缴费年限记录有误'],
    questions: ['灵活就业人员如何缴纳养老保险', '养老保险关系如何跨省转移'],
    suggestions: ['建议养老金资格认证全部网上办理'],
  },
  'social.employment': {
    problems: ['创业担保贷款申请后迟迟没有回复', '职业技能培训补贴未发放'],
    questions: ['失业保险金如何申领', '高校毕业生就业补贴如何申请'],
    suggestions: ['建议多举办面向中小企业的招聘会'],
  },
  'social.wages': {
    problems: ['工地拖欠农民工工资', '公司拖欠工资且不签劳动合同', '离职后公司拒不结算工资'],
    questions: ['加班费如何计算', '劳动仲裁如何申请'],
    suggestions: ['建议公布欠薪举报处理进度'],
  },
  'business.approval': {
    problems: ['企业开办审批材料被反复要求补正', '施工许可审批超过承诺时限', '食品经营许可证换证进度缓慢'],
    questions: ['企业经营范围变更需要哪些材料', '一件事一次办如何申请'],
    suggestions: ['建议推行更多事项全程网办'],
  },
  'business.fees': {
    problems: ['行业协会强制企业入会收费', '第三方中介服务收费过高', '供水部门向企业加收接驳费'],
    questions: ['涉企收费目录清单在哪里查询'],
    suggestions: ['建议定期公开涉企收费清单'],
  },
  'business.policy': {
    problems: ['稳岗补贴迟迟未兑现', '技改奖补资金申报后无人回复', '招商引资承诺的奖励未兑现'],
    questions: ['小微企业有哪些税费优惠政策', '高新技术企业认定有何奖励'],
    suggestions: ['建议惠企政策免申即享'],
  },
  'business.inspection': {
    problems: ['同一月内多个部门重复检查企业', '执法人员检查时未出示证件'],
    questions: ['入企检查需要履行哪些程序'],
    suggestions: ['建议推行联合检查，一次查到位'],
  },
  'environment.air': {
    problems: ['附近工厂夜间排放刺鼻废气', '有人露天焚烧垃圾', '烧烤店油烟直排'],
    questions: ['重污染天气企业如何申请豁免'],
    suggestions: ['建议增加空气质量监测点'],
  },
  'environment.water': {
    problems: ['企业向河道偷排废水', '小区生活污水直排河沟', '养殖场粪污流入灌溉渠'],
    questions: ['排污许可证如何申请'],
    suggestions: ['建议加强河道日常巡查'],
  },
  'environment.noise': {
    problems: ['商铺高音喇叭招揽生意噪音扰民', '广场舞音响声音过大', 'KTV深夜噪音扰民'],
    questions: ['社会生活噪声由哪个部门管理'],
    suggestions: ['建议划定广场舞活动时段'],
  },
  'transport.bus': {
    problems: ['公交车长时间不来', '出租车拒载绕路', '公交司机不等乘客坐稳就起步'],
    questions: ['老年人公交优惠卡如何办理'],
    suggestions: ['建议新建小区附近增设公交线路', '建议延长末班公交运营时间'],
  },
  'transport.roads': {
    problems: ['道路坑洼积水', '路口红绿灯故障', '井盖缺失存在安全隐患'],
    questions: ['道路挖掘需要办理什么许可'],
    suggestions: ['建议学校路口增设减速带'],
  },
  'utilities.power': {
    problems: ['小区频繁停电', '电费突然异常增高', '企业用电报装时间过长'],
    questions: ['居民用电如何申请增容', '企业如何办理用电报装'],
    suggestions: ['建议计划停电提前三天通知'],
  },
  'utilities.water': {
    problems: ['自来水水质浑浊有异味', '小区长时间停水无通知', '楼层高水压不足'],
    questions: ['如何办理用水过户'],
    suggestions: ['建议老旧小区供水管网改造'],
  },
  'city.street_vending': {
    problems: ['商户占道经营影响通行', '夜市摊点油烟扰民', '人行道被违规停车占用'],
    questions: ['早市摊位如何申请'],
    suggestions: ['建议规划便民摊点集中区'],
  },
  'city.sanitation': {
    problems: ['小区门口垃圾长期无人清运', '公厕卫生差无人打扫', '建筑垃圾随意倾倒'],
    questions: ['大件垃圾如何预约清运'],
    suggestions: ['建议增设分类垃圾桶'],
  },
  'city.lights': {
    problems: ['路灯损坏夜间出行不便', '小区周边路段没有路灯'],
    questions: ['路灯损坏向哪个部门报修'],
    suggestions: ['建议背街小巷安装路灯'],
  },
  education: {
    problems: ['学校违规收取资料费', '校外培训机构退费难', '校车超载'],
    questions: ['小学入学需要哪些材料', '随迁子女如何入学'],
    suggestions: ['建议延长课后服务时间'],
  },
  health: {
    problems: ['医院挂号难，排队时间长', '药店不凭处方销售处方药', '诊所收费不透明'],
    questions: ['异地就医如何备案', '新生儿如何参加医保'],
    suggestions: ['建议增加社区医院夜间门诊'],
  },
};

/** Categories where a report (举报) makes sense. */
export const REPORTABLE = ['market.food', 'market.unlicensed', 'market.price', 'environment.air', 'environment.water', 'business.fees', 'construction.noise', 'social.wages', 'health'];

/** Weights of the root categories in a 12345 centre's intake. */
export const ROOT_WEIGHTS: [string, number][] = [
  ['construction', 18], ['market', 16], ['social', 14], ['business', 8], ['environment', 8], ['transport', 8],
  ['utilities', 8], ['city', 12], ['education', 4], ['health', 4],
];

export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗', '梁', '宋', '郑', '谢', '韩', '唐', '冯', '于', '董', '萧'];
export const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '秀英', '华', '平', '刚', '桂英', '建国', '志强', '海燕', '红梅'];
export const ROADS = ['解放路', '中华路', '雪松路', '开源大道', '文明大道', '天中山大道', '练江大道', '驿城大道', '光明路', '前进路', '人民街', '建设路', '风光路', '置地大道'];

/** Made-up enterprises; their codes are built with a correct check character at start-up. */
export const ENTERPRISES = [
  '天中食品有限公司', '恒达建材有限公司', '瑞丰农业科技有限公司', '汇通物流有限公司', '宏图机械制造有限公司', '鑫源纺织有限公司',
  '康达医疗器械有限公司', '华豫电子科技有限公司', '嘉禾餐饮管理有限公司', '金穗粮油有限公司', '中原绿能科技有限公司', '鼎盛商贸有限公司',
];

export const DETAIL: Record<'complaint' | 'help' | 'report', string[]> = {
  complaint: ['多次反映未果，请相关部门尽快核查处理。', '影响正常生活，请尽快处理并回复。', '已持续一段时间，希望彻底解决。'],
  help: ['希望有关部门帮助协调解决。', '自己多方联系无果，请求帮助。', '情况紧急，请尽快协调。'],
  report: ['请依法查处。', '请相关部门核实处理，并为举报人保密。'],
};

export const ANSWERS = [
  '已根据知识库向诉求人详细解答了相关政策、办理渠道和所需材料，具体以窗口最新公布为准。',
  '已告知诉求人可通过河南政务服务网或到政务服务中心窗口办理，并说明了办理流程。',
  '已解答诉求人咨询的政策内容，并告知了主管部门的咨询渠道，诉求人表示清楚。',
];

export const REPLIES: Record<'resolved' | 'unresolved' | 'suggestion' | 'praise' | 'consultation', string[]> = {
  resolved: [
    '经现场核查，反映问题属实，已责令相关单位限期整改，整改已完成，已电话告知诉求人。',
    '已协调相关单位处理，问题已解决，诉求人表示认可。',
    '经核查，反映情况部分属实，已约谈责任单位并督促整改，下一步将持续跟踪。',
    '已立案调查并依法作出处理，处理结果已告知诉求人。',
  ],
  unresolved: [
    '经核查，该问题涉及历史遗留因素，暂无法立即解决，已向诉求人解释并制定后续方案。',
    '已多次协调，相关单位正在筹措资金，预计下月解决，已向诉求人说明。',
  ],
  suggestion: ['感谢您的建议，已纳入我单位下一步工作计划研究落实。', '您的建议很有价值，已转相关科室研究采纳。'],
  praise: ['感谢您的肯定，已转告相关工作人员，我们将继续做好服务。'],
  consultation: ['已电话联系诉求人，详细解答了相关政策和办理流程。', '已向诉求人书面答复办理条件和所需材料。'],
};

export const RETURN_REASONS = ['该事项不属于本单位职责范围，请改派主管部门', '经核实，事发地不在本单位辖区，请重新派单', '诉求涉及多个部门，应由牵头单位主办，请改派'];
export const TRANSFER_REASONS = ['经核实应由其他单位办理，予以转办', '事项属地管理，转属地单位办理', '根据职责分工转交主管单位办理'];
export const DOWN_TRANSFER_REASONS = ['属地管理，转街道办事处办理', '转县区职能部门办理'];
export const EXTENSION_REASONS = ['需要协调多个部门联合处理', '需等待第三方检测结果', '涉及资金拨付，需履行审批程序', '需现场勘查后制定方案'];
export const SEND_BACK_NOTES = ['答复内容不完整，请补充处理结果', '请补充现场核查情况和整改期限', '答复未回应诉求人的主要诉求，请重新办理'];
export const REOPEN_REASONS = ['回访不满意：问题未实际解决，重新办理', '回访不满意：诉求人反映整改不到位，请重新核查'];
export const SUPERVISED_CLOSE = ['回访不满意，经核查承办单位已依法依规处理，诉求人诉求超出政策范围，予以办结', '回访不满意，已向诉求人解释，办结并持续关注'];
export const SUPERVISE_NOTES = ['诉求已超期，请立即办理并说明超期原因', '请加快办理进度，按时答复', '诉求人多次来电催办，请抓紧办理'];
export const INSTRUCTIONS = ['请高度重视，限期办结并反馈结果。', '请主要负责同志亲自督办，确保问题解决。', '请举一反三，排查同类问题。'];
export const PAUSE_NOTES: Record<'awaiting_requester' | 'excluded_step', string[]> = {
  awaiting_requester: ['等待诉求人补充材料', '诉求人外出，约定返回后现场核查'],
  excluded_step: ['等待第三方检测机构出具检测报告', '需司法鉴定，鉴定期间不计时'],
};
export const EVALUATION_COMMENTS = ['办理及时，态度很好', '问题已解决，谢谢', '答复清楚', '处理结果基本认可', '问题没有真正解决'];
export const MERGE_NOTES = ['同一事项重复来电，合并办理', '与已受理诉求为同一问题，合并为重复件'];
export const OUT_OF_SCOPE: { route: string; explanation: string }[] = [
  { route: 'court', explanation: '属民事纠纷，已告知诉求人可依法向人民法院起诉。' },
  { route: 'arbitration', explanation: '属劳动争议，已告知诉求人向劳动人事争议仲裁委员会申请仲裁。' },
  { route: 'emergency_110', explanation: '涉及治安警情，已告知诉求人立即拨打110报警。' },
  { route: 'petition', explanation: '属信访事项，已告知诉求人通过信访渠道反映。' },
];

/** The demo's planted hotspot: one estate's flooded underground car park, many callers in the last two weeks. */
export const SURGE = {
  category: 'construction.property',
  region: '411702',
  address: '驻马店市驿城区幸福家园小区',
  titles: ['小区地下车库雨后积水倒灌', '地下车库积水严重，车辆被淹', '小区地下车库排水泵坏了，积水没人管', '车库积水漫到电梯井，物业不处理'],
  details: ['积水已经好几天，物业一直说在联系维修。', '请有关部门督促物业尽快抽水、修好排水设施。', '老人孩子进出很危险，希望尽快处理。'],
};
