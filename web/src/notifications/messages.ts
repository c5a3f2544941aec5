import { defineMessages } from '../shell';

export default defineMessages({
  'zh-CN': {
    'notifications.menu': '消息',
    'notifications.title': '我的消息',
    'notifications.bell': '消息（{n} 条未读）',
    'notifications.all': '全部',
    'notifications.unread': '未读（{n}）',
    'notifications.empty': '暂无消息',
    'notifications.markRead': '标为已读',
    'notifications.readAll': '全部标为已读',
  },
  en: {
    'notifications.menu': 'Notifications',
    'notifications.title': 'My notifications',
    'notifications.bell': 'Notifications ({n} unread)',
    'notifications.all': 'All',
    'notifications.unread': 'Unread ({n})',
    'notifications.empty': 'No notifications',
    'notifications.markRead': 'Mark read',
    'notifications.readAll': 'Mark all read',
  },
});
