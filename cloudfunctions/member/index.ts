import { defineFunction, memberAction } from '../runtime/handler';
import { noInput } from '../core/validate';
import { code } from './code';
import { history, historyInput } from './history';
import { home } from './home';
import { login, loginInput } from './login';
import { bindPhone, bindPhoneInput } from './phone';
import { profileInput, updateProfile } from './profile';
import { tiers } from './tiers';

export const main = defineFunction({
  actions: {
    login: memberAction(loginInput, login),
    home: memberAction(noInput, home),
    tiers: memberAction(noInput, tiers),
    history: memberAction(historyInput, history),
    code: memberAction(noInput, code),
    updateProfile: memberAction(profileInput, updateProfile),
    bindPhone: memberAction(bindPhoneInput, bindPhone),
  },
});
