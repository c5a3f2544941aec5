/**
 * The checks createArticle and updateArticle share: text trimmed and non-empty, category and
 * keywords normalised, validity dates real and in order, the owning office and region known and
 * the region within the office's own.
 */
import type { Db } from '../../platform/db/engine.js';
import { badRequest } from '../../platform/errors.js';
import { findOffice } from '../../offices/queries.js';
import type { OfficeView } from '../../offices/contract.js';
import { findRegion } from '../../regions/queries.js';
import { regionWithin } from '../../regions/rules.js';
import { checkValidity, normaliseCategory, normaliseKeywords } from '../rules.js';
import { articleSearchColumns, type ArticleSearchColumns } from '../search-terms.js';
import type { ArticleContent } from '../contract.js';

export type { ArticleContent };

export async function checkContent(tx: Db, input: ArticleContent): Promise<{ content: ArticleContent; office: OfficeView; search: ArticleSearchColumns }> {
  const title = input.title.trim();
  const question = input.question.trim();
  const answer = input.answer.trim();
  for (const [field, value, zh] of [['title', title, '标题'], ['question', question, '问题'], ['answer', answer, '答复']] as const) {
    if (!value) throw badRequest(`invalid_${field}`, `${zh}不能为空`, `The ${field} must not be empty`);
  }
  const category = normaliseCategory(input.category);
  if (typeof category !== 'string') throw badRequest(category.code, category.zh, category.en);
  const keywords = normaliseKeywords(input.keywords);
  const validity = checkValidity(input.validFrom, input.validUntil);
  if (validity) throw badRequest(validity.code, validity.zh, validity.en);
  const office = await findOffice(tx, input.officeId);
  if (!office) throw badRequest('unknown_office', `单位 ${input.officeId} 不存在`, `Office ${input.officeId} does not exist`);
  if (input.regionCode !== null) {
    const region = await findRegion(tx, input.regionCode);
    if (!region) throw badRequest('unknown_region', `行政区划代码 ${input.regionCode} 不存在`, `Region code ${input.regionCode} does not exist`);
    if (!regionWithin(input.regionCode, office.regionCode)) {
      throw badRequest('region_outside_office', `适用区划 ${region.name}（${region.code}）不在「${office.name}」的区划 ${office.regionName} 内`,
        `Region ${region.code} is not within the region ${office.regionCode} of the owning office`);
    }
  }
  const content: ArticleContent = { ...input, title, question, answer, category, keywords };
  return { content, office, search: articleSearchColumns(content) };
}
