/** Request schemas the application's commands share. */
import { Type } from '@sinclair/typebox';

export const MaterialIds = Type.Array(Type.Integer({ minimum: 1, maximum: 2147483647 }), { maxItems: 200, description: 'service_item_materials ids of the version' });
export const DepartmentId = Type.Integer({ minimum: 1, maximum: 2147483647, description: 'The department (office) of the branch' });
export const Reason = Type.String({ minLength: 1, maxLength: 2000 });
export const Empty = Type.Object({}, { additionalProperties: false });
