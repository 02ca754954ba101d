import { defineFunction, memberAction } from '../runtime/handler';
import { noInput } from '../core/validate';
import { home } from './home';
import { login } from './login';

export const main = defineFunction({
  actions: {
    login: memberAction(noInput, login),
    home: memberAction(noInput, home),
  },
});
