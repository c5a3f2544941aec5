import { eq } from 'drizzle-orm';
import type { Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { knowledgeArticles } from './schema.js';
import { createArticle } from './commands/createArticle.js';
import { publishArticle } from './commands/articleActions.js';

/**
 * Demo knowledge base: what a county 12345 hotline is asked most, answered from national law and
 * common public practice. Answers stay modest: no local phone numbers, addresses or fees are
 * made up (only nationwide service numbers such as 12333, 12366, 12329 and 95598 are named), and
 * where details differ by place they say so (以当地最新公布为准).
 *
 * `office` is a key of the map returned by loadDemoOrganisation (src/demo/organisation.ts).
 */
interface DemoArticle {
  key: string;
  office: string;
  title: string;
  question: string;
  answer: string;
  category: string;
  keywords: string[];
  regionCode?: string;
  validUntil?: string;
  /** Left as a draft, as an editor's unfinished work. */
  draft?: boolean;
}

export const DEMO_ARTICLES: readonly DemoArticle[] = [
  {
    key: 'business-licence', office: 'zmd-dept-0', category: '市场主体/登记注册',
    title: '营业执照怎么办理',
    question: '想开个店或者注册公司，营业执照去哪里办？需要准备什么材料？多长时间能拿到？',
    answer: '营业执照由市场监督管理部门核发。可以通过本省政务服务网或企业开办“一网通办”平台在线申请，也可以到县（区）政务服务中心市场监管窗口办理。'
      + '一般需要：1. 名称自主申报（个体工商户可以不使用字号）；2. 登记申请书；3. 经营者或法定代表人、股东的身份证明；4. 住所（经营场所）使用证明；5. 设立公司的还需要公司章程。'
      + '材料齐全、符合法定形式的，多数地方可以当场或在1个工作日内办结，可以领取纸质执照或电子营业执照。'
      + '从事食品经营等需要许可的项目，取得营业执照后还要另行办理相关许可。具体材料清单和办理时限以当地最新公布为准。',
    keywords: ['营业执照', '工商登记', '办执照', '开店', '注册公司'],
  },
  {
    key: 'enterprise-startup', office: 'zmd-dept-0', category: '市场主体/企业开办',
    title: '新开办企业要办哪些手续（企业开办一网通办）',
    question: '新成立一家公司，除了营业执照还要办哪些事？能不能一次办完？',
    answer: '企业开办一般包括：设立登记（领取营业执照）、公章刻制、申领发票、员工参保登记、住房公积金单位缴存登记，以及预约银行开户。'
      + '各地已推行企业开办“一网通办、一窗通取”，在企业开办平台一次填报、一次提交，结果可一窗领取或邮寄。'
      + '许多地方已把企业开办压缩到1个工作日以内，部分地方为新开办企业免费刻制首套印章。具体环节、时限和免费事项以当地最新公布为准。',
    keywords: ['企业开办', '开公司', '一网通办', '刻章', '申领发票'],
  },
  {
    key: 'individual-business-tax', office: 'zmd-dept-11', category: '税费/税收优惠', validUntil: '2027-12-31',
    title: '个体工商户有哪些税收优惠',
    question: '我是个体户，小规模纳税人，现在有什么减免税政策？',
    answer: '按照财政部、税务总局2023年发布的有关公告，以下政策执行至2027年12月31日：'
      + '1. 增值税小规模纳税人（含个体工商户）月销售额10万元以下（按季度申报的，季度销售额30万元以下）免征增值税；'
      + '2. 小规模纳税人适用3%征收率的应税销售收入，减按1%征收率征收增值税；'
      + '3. 个体工商户年应纳税所得额不超过200万元的部分，减半征收个人所得税；'
      + '4. 小规模纳税人、小型微利企业和个体工商户减半征收资源税、城市维护建设税、房产税、城镇土地使用税、印花税（不含证券交易印花税）、耕地占用税和教育费附加、地方教育附加（“六税两费”）。'
      + '享受条件和申报方式以税务部门最新公布为准，可以咨询主管税务机关或拨打12366纳税服务热线。',
    keywords: ['个体户', '个体工商户', '小规模纳税人', '免征增值税', '减税'],
  },
  {
    key: 'pension-payment', office: 'zmd-dept-2', category: '社会保障/养老保险',
    title: '养老保险怎么缴费（城乡居民和灵活就业人员）',
    question: '没有单位，自己怎么交养老保险？城乡居民养老保险每年交多少？',
    answer: '1. 城乡居民基本养老保险：年满16周岁（不含在校学生）、不属于职工基本养老保险覆盖范围的城乡居民，可以在户籍地参保，按年缴费。缴费档次由当地政府设定，多缴多得，政府按规定给予缴费补贴。'
      + '2. 灵活就业人员（无雇工的个体工商户、未在用人单位参保的非全日制从业人员等）可以个人身份参加职工基本养老保险，在当地公布的缴费基数上下限之间选择缴费基数。'
      + '缴费可以通过税务部门的缴费渠道（电子税务局、手机缴费软件、合作银行等）办理。各档次金额、缴费基数和缴费期以当地最新公布为准，可以咨询当地社保经办机构或拨打12333。',
    keywords: ['养老保险', '社保缴费', '灵活就业', '城乡居民养老保险', '交社保'],
  },
  {
    key: 'social-security-card', office: 'zmd-dept-2', category: '社会保障/社保卡',
    title: '社保卡丢失怎么挂失和补办',
    question: '社保卡丢了怎么办？在哪里补办社会保障卡？',
    answer: '社会保障卡丢失后请先挂失，防止被他人冒用：可以通过电子社保卡、掌上12333等线上渠道，或者到社保卡服务网点、合作银行网点办理挂失，也可以拨打12333咨询。'
      + '挂失后携带本人有效身份证件到社保卡服务网点或合作银行网点申请补卡，部分网点可以即时制卡。'
      + '补卡后原卡作废，社保待遇和医保结算随新卡继续使用。是否收取工本费及标准以当地规定为准。',
    keywords: ['社保卡', '社会保障卡', '补卡', '挂失', '电子社保卡'],
  },
  {
    key: 'housing-fund-withdrawal', office: 'zmd-dept-1', category: '住房/住房公积金',
    title: '住房公积金怎么提取',
    question: '什么情况下可以取公积金？租房能提取公积金吗？在哪里办？',
    answer: '依照《住房公积金管理条例》，职工有下列情形之一的，可以提取住房公积金账户内的存储余额：购买、建造、翻建、大修自住住房；离休、退休；完全丧失劳动能力并与单位终止劳动关系；出境定居；偿还购房贷款本息；房租超出家庭工资收入的规定比例。'
      + '各地对租房提取普遍有具体规定。可以通过当地住房公积金管理中心的网上服务大厅、手机公积金软件或服务柜台申请，携带身份证和相关证明材料。'
      + '提取条件细则、材料和额度以当地住房公积金管理中心最新公布为准，也可以拨打12329住房公积金服务热线咨询。',
    keywords: ['公积金', '住房公积金', '提取公积金', '租房提取'],
  },
  {
    key: 'real-estate-registration', office: 'zmd-dept-3', category: '住房/不动产登记',
    title: '不动产登记（办房产证）需要什么材料、多长时间',
    question: '买了房子怎么办房产证？过户要带哪些材料？多久能办好？',
    answer: '不动产登记由不动产所在地的不动产登记机构办理。常见材料有：登记申请书；申请人身份证明；不动产权属来源证明（如购房合同、继承或赠与材料、法院文书等）；税费缴纳凭证；办理转移登记的还需要原不动产权证书。'
      + '依照《不动产登记暂行条例》，登记机构应当自受理登记申请之日起30个工作日内办结，各地普遍承诺更短的时限，部分业务可以当日办结；新建商品房不少地方推行“交房即交证”。'
      + '具体材料清单和办理时限以当地不动产登记中心最新公布为准。',
    keywords: ['不动产登记', '房产证', '不动产权证书', '过户', '房屋登记'],
  },
  {
    key: 'heating-repair', office: 'zmd-dept-6', category: '城市管理/供暖', regionCode: '411700',
    title: '暖气不热、供暖报修找谁',
    question: '家里暖气不热，温度不够，管道漏水，找谁修？可以投诉吗？',
    answer: '供暖期内室内温度不达标或者暖气管道漏水，请先联系您所在小区的供热企业（热力公司）客服报修，物业服务企业也可以协助联系，供热企业应当及时上门检查维修。'
      + '按照国家城镇供热服务标准，供暖期间居民室内温度一般应不低于18℃，以当地规定为准。'
      + '报修后长时间未处理或对处理结果不满意的，可以拨打12345热线反映，热线会转交供热主管部门督办。反映时请说明小区名称、楼号单元、室内温度和报修时间。供暖起止日期以当地政府公布为准。',
    keywords: ['暖气', '供暖', '供热', '暖气不热', '报修'],
  },
  {
    key: 'water-repair', office: 'zmd-dept-1', category: '城市管理/供水', regionCode: '411700',
    title: '停水、漏水、水质问题怎么报修',
    question: '家里突然停水了怎么办？自来水管漏水、水发黄找谁？',
    answer: '突然停水，请先查看供水企业是否发布了计划停水公告（官方网站、公众号或小区公告栏），或者问问邻居是否普遍停水。'
      + '单户停水、表前管道漏水、水压异常或水质浑浊等，可以直接联系供水企业客服报修；水表之后的户内管道一般由业主自行维修或联系物业。'
      + '供水企业处理不及时的，可以拨打12345反映，请说明详细地址、停水或漏水的时间和现象。',
    keywords: ['停水', '漏水', '供水', '自来水', '水质'],
  },
  {
    key: 'power-outage', office: 'zmd-power', category: '城市管理/供电', regionCode: '411700',
    title: '停电了怎么报修',
    question: '家里停电了，是不是计划停电？找谁抢修？',
    answer: '请先确认是否为计划停电：供电企业会提前通过“网上国网”软件、公众号或小区公告发布停电信息；再检查家中空气开关是否跳闸、电费是否欠费。'
      + '确认是故障停电的，可以拨打国家电网95598供电服务热线或通过“网上国网”报修，抢修时限以供电企业公开承诺为准。'
      + '因停电造成损失或对抢修处理不满意的，可以拨打12345反映。',
    keywords: ['停电', '断电', '电力抢修', '95598', '供电'],
  },
  {
    key: 'noise-complaint', office: 'zmd-dept-4', category: '生态环境/噪声',
    title: '噪音扰民投诉受理范围（不同噪音找谁）',
    question: '楼上装修太吵、晚上工地施工、广场舞声音太大，噪音扰民该找哪个部门？',
    answer: '依照《中华人民共和国噪声污染防治法》（2022年6月5日起施行），不同噪声由不同部门管理：'
      + '1. 工业企业生产噪声，由生态环境部门处理；'
      + '2. 建筑施工噪声由住房和城乡建设等部门处理：在噪声敏感建筑物集中区域，夜间（一般指22时至次日6时）禁止产生噪声的建筑施工作业，抢修、抢险或者因生产工艺等特殊需要必须连续施工的除外，特殊需要连续施工的须取得有关部门的证明并公告附近居民；'
      + '3. 娱乐场所、商铺喇叭、广场舞等社会生活噪声，由公安、城市管理等部门依职责处理，基层组织和物业应当先行劝阻、调解；'
      + '4. 住宅室内装修应当在规定的时间内作业，邻里之间的噪声可以先请物业劝阻，劝阻无效的向有关部门反映；'
      + '5. 交通运输噪声，由交通运输、公安等部门处理。'
      + '正在发生、需要立即制止的扰民行为可以拨打110；其他情况可以拨打12345反映，请说明地点、时间段和噪声来源。',
    keywords: ['噪音', '噪声', '扰民', '装修噪音', '夜间施工', '广场舞'],
  },
  {
    key: 'employment-subsidy', office: 'zmd-dept-2', category: '就业创业/就业补贴',
    title: '企业招用员工有哪些用工补贴',
    question: '公司招人有没有补贴？企业吸纳就业、稳岗有什么扶持政策？',
    answer: '人力资源社会保障部门对符合条件的企业有多项就业扶持政策，常见的有：'
      + '1. 社会保险补贴：企业招用就业困难人员并为其缴纳社会保险费的，可以按规定申请；'
      + '2. 一次性吸纳就业补贴或扩岗补助：招用离校未就业高校毕业生、登记失业青年等，签订劳动合同并缴纳社会保险费的，在政策实施期内可以按规定申请；'
      + '3. 失业保险稳岗返还：依法参保缴费、裁员率不高于规定标准的企业，可以按规定返还部分失业保险费；'
      + '4. 职业培训补贴：组织职工参加符合条件的职业技能培训的。'
      + '各项政策的条件、标准和申领期限会调整，以当地人社部门最新公布为准，可以拨打12333或到当地公共就业服务机构咨询。',
    keywords: ['用工补贴', '社保补贴', '吸纳就业', '稳岗返还', '招工补贴'],
  },
  {
    key: 'unemployment-benefit', office: 'zmd-dept-2', category: '社会保障/失业保险',
    title: '失业保险金怎么申领',
    question: '失业了能领失业金吗？需要什么条件，能领多久？',
    answer: '依照《中华人民共和国社会保险法》，同时符合下列条件的失业人员可以领取失业保险金：失业前用人单位和本人已经缴纳失业保险费满一年；非因本人意愿中断就业；已经进行失业登记并有求职要求。'
      + '领取期限按累计缴费时间计算：满一年不足五年的最长12个月；满五年不足十年的最长18个月；十年以上的最长24个月。失业保险金标准由省级政府确定，不低于城市居民最低生活保障标准。'
      + '可以通过国家社会保险公共服务平台、电子社保卡等线上渠道或到当地公共就业服务机构申领，具体以当地人社部门规定为准。',
    keywords: ['失业金', '失业保险金', '失业保险', '失业登记'],
  },
  {
    key: 'hotline-scope', office: 'zmd-centre', category: '热线服务/受理范围',
    title: '12345热线受理哪些事项',
    question: '12345能管什么？哪些事情不归12345受理？',
    answer: '12345政务服务便民热线受理企业和群众对经济调节、市场监管、社会管理、公共服务、生态环境保护等方面的咨询、求助、投诉、举报和意见建议，提供7×24小时人工服务。'
      + '以下事项请通过相应渠道办理：需要公安、消防、急救、交通事故处置等紧急事项，请拨打110、119、120、122；'
      + '依法应当通过诉讼、仲裁、纪检监察、行政复议、政府信息公开等程序解决的事项，按相应的法定途径办理。'
      + '热线依法保护来电人的个人信息，举报人的身份予以保密。',
    keywords: ['12345', '热线', '受理范围', '投诉渠道'],
  },
  {
    key: 'residence-permit', office: 'zmd-dept-10', category: '户籍证件/居住证',
    title: '居住证怎么办理',
    question: '外地户口在这里工作，怎么办居住证？需要什么材料？',
    answer: '依照《居住证暂行条例》，离开常住户口所在地到其他城市居住半年以上，并且有合法稳定就业、合法稳定住所、连续就读三个条件之一的，可以申领居住证。'
      + '向居住地公安派出所或受公安机关委托的社区服务机构申请，提供本人居民身份证、本人相片以及居住地住址、就业或就读等证明材料。'
      + '公安机关应当自受理之日起15日内制作发放居住证。居住证持有人在居住地连续居住的，应当在每居住满一年之日前一个月内办理签注。具体材料以当地公安机关公布为准。',
    keywords: ['居住证', '暂住证', '外地户口'],
  },
  {
    key: 'id-card-replacement', office: 'zmd-dept-10', category: '户籍证件/居民身份证',
    title: '身份证丢了怎么补办',
    question: '居民身份证丢了，能在外地补办吗？补办期间用什么证件？',
    answer: '居民身份证丢失后，可以到户籍所在地或现居住地的公安机关户政窗口（派出所、出入境或政务服务中心的户政窗口）申请补领，已实现跨省异地办理。'
      + '需要本人到场，现场采集相片和指纹，并按规定缴纳工本费。补领期间如需乘车、住宿等，可以申请办理临时居民身份证。'
      + '制证时限以当地公安机关公布为准，可以选择邮寄领证。',
    keywords: ['身份证', '补办身份证', '身份证丢失', '临时身份证'],
  },
  {
    key: 'school-enrolment', office: 'zmd-dept-8', category: '教育/义务教育入学',
    title: '小学、初中入学怎么报名',
    question: '孩子上小学或初中怎么报名？学区怎么划？随迁子女能在这里上学吗？',
    answer: '依照《中华人民共和国义务教育法》，适龄儿童、少年免试入学，当地政府保障其在户籍所在地学校就近入学。'
      + '教育部门每年公布本地义务教育招生政策，明确各学校的招生范围（学区）、报名时间、报名方式和所需材料，一般包括户口簿、房产或居住证明等。'
      + '父母或者其他法定监护人在非户籍所在地工作或者居住的，适龄儿童、少年可以按当地规定在其居住地入学，通常需要提供居住证等材料。'
      + '以当年当地教育部门最新公布的招生政策为准。',
    keywords: ['入学', '小学报名', '初中报名', '学区', '随迁子女'],
  },
  {
    key: 'xiping-individual-business', office: 'county-411721-market', category: '市场主体/登记注册', regionCode: '411721',
    title: '西平县个体工商户登记窗口',
    question: '在西平县开个体店，去哪里登记拿执照？',
    answer: '在西平县经营的个体工商户，可以在本省政务服务网在线申请登记，也可以到西平县政务服务中心市场监管窗口办理，需要经营者身份证明和经营场所使用证明。'
      + '窗口地址和办公时间以西平县政务服务中心公布为准。',
    keywords: ['个体工商户登记', '西平'],
  },
  {
    key: 'resident-medical-insurance-draft', office: 'zmd-dept-11', category: '税费/社保费', draft: true,
    title: '城乡居民医疗保险缴费期（待核实）',
    question: '明年的城乡居民医保什么时候交？交多少？',
    answer: '待医疗保障部门公布下一年度城乡居民医保缴费标准和集中缴费期后更新。',
    keywords: ['医保缴费', '城乡居民医保'],
  },
];

/**
 * Writes the demo articles through the same commands an editor and a publisher use (so each is
 * audited), publishing all but the draft. Articles whose title already exists are skipped, so
 * loading twice adds nothing. Returns the article ids by demo key.
 */
export async function loadDemoKnowledge(db: Db, actor: Actor, offices: Record<string, number>): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  for (const a of DEMO_ARTICLES) {
    const [existing] = await db.select({ id: knowledgeArticles.id }).from(knowledgeArticles).where(eq(knowledgeArticles.title, a.title)).limit(1);
    if (existing) {
      ids[a.key] = existing.id;
      continue;
    }
    const officeId = offices[a.office];
    if (officeId === undefined) throw new Error(`demo knowledge: office ${a.office} is not in the demo organisation`);
    const created = await createArticle(db, actor, {
      title: a.title, question: a.question, answer: a.answer, category: a.category, keywords: a.keywords,
      officeId, regionCode: a.regionCode ?? null, validUntil: a.validUntil ?? null,
    });
    ids[a.key] = created.id;
    if (!a.draft) await publishArticle(db, actor, created.id, { version: created.version });
  }
  return ids;
}
