/**
 * The steps of the page that adds a team or a service, or changes one (TeamView, ServiceView),
 * whatever its form holds. On arrival, and when the route moves to another one, the form is
 * cleared at once and filled from the server only for an existing one, so what a person types
 * into a new one while the lists load is never wiped; an id the lists do not hold is the page's
 * load problem. A save checks the form with the shared schema, sends it, and goes back to the
 * teams and services page, which says what was saved.
 */
import { computed, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import type { z } from 'zod';
import { useAdminStore } from '../../stores/admin-store';
import { useFormProblems } from '../../components/form/use-form-problems';
import { problemsFromError, problemsFromZod } from '../../api/form-problems';

export interface UnitPage<Form extends object, Unit extends { id: string; name: string }, Input> {
  /** What it is, in the title and the load problem: 'team' or 'service'. */
  noun: string;
  /** The name of the route that changes one; on any other the page adds one. */
  changeRoute: string;
  /** The page's reactive form (NOTE: the page mutates it). */
  form: Form;
  /** The form's values for a new one. */
  blank: () => Form;
  /** The ones the admin store holds once the lists are loaded. */
  units: () => readonly Unit[];
  /** The form's values for an existing one. */
  fill: (unit: Unit) => Form;
  schema: z.ZodType<Input>;
  create: (input: Input) => Promise<Unit>;
  update: (id: string, input: Input) => Promise<Unit>;
}

export function useUnitPage<Form extends object, Unit extends { id: string; name: string }, Input>(
  page: UnitPage<Form, Unit, Input>,
) {
  const route = useRoute();
  const router = useRouter();
  const admin = useAdminStore();
  const unitId = computed(() => (route.name === page.changeRoute ? String(route.params.id) : null));
  const title = ref(`Add a ${page.noun}`);
  const formProblems = useFormProblems();
  const { problems, show, send } = formProblems;
  const loadProblem = ref<string | null>(null);

  async function load(): Promise<void> {
    problems.value = null;
    loadProblem.value = null;
    Object.assign(page.form, page.blank());
    try {
      await Promise.all([admin.loadTeamsAndServices(), admin.loadPeople()]);
      const unit = page.units().find((u) => u.id === unitId.value);
      if (unitId.value && !unit)
        loadProblem.value = `There is no ${page.noun} with that id. It may have been removed.`;
      if (unit) Object.assign(page.form, page.fill(unit));
      title.value = unit ? `Change ${unit.name}` : `Add a ${page.noun}`;
    } catch (failure) {
      loadProblem.value = problemsFromError(failure).message;
    }
  }
  watch(unitId, load, { immediate: true });

  async function save(): Promise<void> {
    const checked = page.schema.safeParse(page.form);
    if (!checked.success) return show(problemsFromZod(checked.error));
    const id = unitId.value;
    let saved = '';
    const sent = await send(async () => {
      const unit = id ? await page.update(id, checked.data) : await page.create(checked.data);
      saved = unit.name;
    });
    if (sent) await router.push({ path: '/admin/teams', query: { added: saved } });
  }

  return { ...formProblems, unitId, title, loadProblem, save };
}
