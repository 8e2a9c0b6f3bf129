import { useMutation } from '@apollo/client/react';
import { Alert, Button, Center, Group, Image, List, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { ConfirmModal, FormError } from '@ticket/ui';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { ProductStatus } from '../../../gql/graphql';
import { ProductArchiveDocument, ProductCreateDocument, ProductUpdateDocument } from '../api/catalog';
import { allMessages, groupFieldErrors, type FieldErrors } from '../lib/fieldErrors';
import { emptyVariant, imageList, missingRequired, valuesToInput, type ProductFormValues, type VariantRow } from '../lib/productForm';
import { fieldError } from './FieldMessages';
import type { FlashState } from './FlashNotice';
import { VariantsEditor, type RemovedVariant } from './VariantsEditor';

const STATUSES = ['DRAFT', 'ACTIVE', 'ARCHIVED'] as const satisfies readonly ProductStatus[];

export interface ProductFormProps {
  initial: ProductFormValues;
  /** The product being edited; a new one when absent. */
  productId?: string;
}

const toInt = (value: number | string): number | '' => (typeof value === 'number' && Number.isFinite(value) ? value : '');
const withoutPrefix = (errors: FieldErrors, prefix: string) => Object.fromEntries(Object.entries(errors).filter(([path]) => !path.startsWith(prefix)));

/**
 * 新增票券 / 編輯商品 (C1, C4): product fields and the 票種 editor. The server validates; its refusals land
 * next to the field they name (`variants.1.price`) and, all of them, in the banner above.
 */
export function ProductForm({ initial, productId }: ProductFormProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [values, setValues] = useState(initial);
  const [removed, setRemoved] = useState<RemovedVariant[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [archiving, setArchiving] = useState(false);
  const [create, created] = useMutation(ProductCreateDocument);
  const [update, updated] = useMutation(ProductUpdateDocument);
  const [archive] = useMutation(ProductArchiveDocument);
  const formRef = useRef<HTMLFormElement>(null);
  const [attempt, setAttempt] = useState(0);
  const ticket = values.kind === 'TICKET';
  const saving = created.loading || updated.loading;
  const messages = allMessages(errors);
  const cover = imageList(values.images)[0];

  // After a refused save, take the keyboard to the first field at fault (or the banner).
  useEffect(() => {
    if (!attempt) return;
    const form = formRef.current;
    const invalid = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (invalid) invalid.focus();
    else form?.querySelector<HTMLElement>('[data-testid="form-error"]')?.scrollIntoView({ block: 'center' });
  }, [attempt]);

  const set = <K extends keyof ProductFormValues>(field: K, value: ProductFormValues[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => withoutPrefix(e, field));
  };
  const text = (field: 'title' | 'description' | 'terms' | 'images' | 'validFrom' | 'validUntil') => ({
    name: field,
    value: values[field],
    onChange: (e: { currentTarget: { value: string } }) => set(field, e.currentTarget.value),
    error: fieldError(errors, field),
  });

  const changeVariant = (index: number, patch: Partial<VariantRow>) => {
    setValues((v) => ({ ...v, variants: v.variants.map((row, i) => (i === index ? { ...row, ...patch } : row)) }));
    setErrors((e) => withoutPrefix(e, `variants.${index}.${Object.keys(patch)[0]}`));
  };
  // Adding or removing rows renumbers them: the server's variants.N paths no longer fit.
  const changeRows = (rows: VariantRow[]) => {
    setValues((v) => ({ ...v, variants: rows }));
    setErrors((e) => withoutPrefix(e, 'variants'));
  };
  const removeVariant = (index: number) => {
    const row = values.variants[index]!;
    if (row.id) setRemoved((list) => [...list, { row, index }]);
    changeRows(values.variants.filter((_, i) => i !== index));
  };
  const undoRemove = (entry: RemovedVariant) => {
    const rows = [...values.variants];
    rows.splice(Math.min(entry.index, rows.length), 0, entry.row);
    setRemoved((list) => list.filter((e) => e !== entry));
    changeRows(rows);
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const missing = missingRequired(values);
    if (Object.keys(missing).length) {
      setErrors(Object.fromEntries(Object.keys(missing).map((path) => [path, [t('common.required')]])));
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    const input = valuesToInput(values);
    try {
      let refusals: { code: string; message: string; field?: string | null }[];
      if (productId) {
        const { data } = await update({ variables: { input: { id: productId, ...input } } });
        refusals = data?.productUpdate.errors ?? [];
      } else {
        const { data } = await create({ variables: { input: { kind: values.kind, ...input } } });
        refusals = data?.productCreate.errors ?? [];
      }
      if (refusals.length) {
        setErrors(groupFieldErrors(refusals));
        setAttempt((n) => n + 1);
        return;
      }
      const title = values.title.trim();
      const state: FlashState = { notice: { key: productId ? 'admin.catalog.updated' : 'admin.catalog.created', values: { title } } };
      void navigate('/products', { state });
    } catch {
      setErrors({ '': [t('common.networkError')] });
      setAttempt((n) => n + 1);
    }
  }

  return (
    <>
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="lg" maw={960}>
        {messages.length > 0 && (
          <FormError title={t('admin.catalog.saveFailed')}>
            <List size="sm">
              {messages.map((message) => (
                <List.Item key={message}>{message}</List.Item>
              ))}
            </List>
          </FormError>
        )}
        {initial.status === 'ARCHIVED' && (
          <Alert color="gray" data-testid="product-archived-hint">
            {t('admin.catalog.archivedHint')}
          </Alert>
        )}

        <Section title={t('admin.catalog.sections.basics')}>
          <TextInput label={t('admin.catalog.fields.title')} withAsterisk autoFocus={!productId} {...text('title')} />
          <Textarea label={t('admin.catalog.fields.description')} autosize minRows={3} maxRows={12} {...text('description')} />
          {ticket && (
            <Textarea label={t('admin.catalog.fields.terms')} description={t('admin.catalog.fields.termsHint')} autosize minRows={4} maxRows={16} {...text('terms')} />
          )}
          <SimpleGrid cols={{ base: 1, sm: cover ? 2 : 1 }} spacing="md">
            <Textarea
              label={t('admin.catalog.fields.images')}
              description={t('admin.catalog.fields.imagesHint')}
              placeholder="https://"
              autosize
              minRows={3}
              maxRows={8}
              spellCheck={false}
              {...text('images')}
            />
            {cover && (
              <Stack gap={4}>
                <Text size="sm" fw={500}>
                  {t('admin.catalog.fields.imagePreview')}
                </Text>
                <CoverPreview key={cover} src={cover} />
              </Stack>
            )}
          </SimpleGrid>
          <NativeSelect
            name="status"
            label={t('admin.catalog.fields.status')}
            description={t('admin.catalog.fields.statusHint')}
            value={values.status}
            onChange={(e) => set('status', e.currentTarget.value as ProductStatus)}
            error={fieldError(errors, 'status')}
            data={STATUSES.map((s) => ({ value: s, label: t(`admin.catalog.status.${s}`) }))}
            maw={320}
          />
        </Section>

        {ticket ? (
          <Section title={t('admin.catalog.sections.validity')} description={t('admin.catalog.fields.validityHint')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput type="datetime-local" label={t('admin.catalog.fields.validFrom')} {...text('validFrom')} />
              <TextInput type="datetime-local" label={t('admin.catalog.fields.validUntil')} {...text('validUntil')} />
            </SimpleGrid>
          </Section>
        ) : (
          <Section title={t('admin.catalog.sections.shipping')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <NumberInput
                name="shippingFee"
                label={t('admin.catalog.fields.shippingFee')}
                leftSection={<Text size="xs">NT$</Text>}
                min={0}
                allowDecimal={false}
                allowNegative={false}
                hideControls
                inputMode="numeric"
                value={values.shippingFee}
                onChange={(v) => set('shippingFee', toInt(v))}
                error={fieldError(errors, 'shippingFee')}
              />
              <NumberInput
                name="freeShippingThreshold"
                label={t('admin.catalog.fields.freeShippingThreshold')}
                description={t('admin.catalog.fields.freeShippingHint')}
                leftSection={<Text size="xs">NT$</Text>}
                min={0}
                allowDecimal={false}
                allowNegative={false}
                hideControls
                inputMode="numeric"
                value={values.freeShippingThreshold}
                onChange={(v) => set('freeShippingThreshold', toInt(v))}
                error={fieldError(errors, 'freeShippingThreshold')}
              />
            </SimpleGrid>
          </Section>
        )}

        <Section title={t(ticket ? 'admin.catalog.sections.variants' : 'admin.catalog.sections.goodsVariants')}>
          <VariantsEditor
            kind={values.kind}
            rows={values.variants}
            errors={errors}
            removed={removed}
            onChange={changeVariant}
            onAdd={() => changeRows([...values.variants, emptyVariant()])}
            onRemove={removeVariant}
            onUndo={undoRemove}
          />
        </Section>

        <Group justify="space-between">
          <div>
            {productId && initial.status !== 'ARCHIVED' && (
              <Button variant="outline" color="red" onClick={() => setArchiving(true)} data-testid="product-archive">
                {t('admin.catalog.archive')}
              </Button>
            )}
          </div>
          <Group gap="sm">
            <Button component={Link} to="/products" variant="default">
              {t('admin.catalog.cancel')}
            </Button>
            <Button type="submit" loading={saving} data-testid="product-save">
              {t('admin.catalog.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>

      {productId && (
        <ConfirmModal
          opened={archiving}
          onClose={() => setArchiving(false)}
          title={t('admin.catalog.archiveTitle')}
          confirmLabel={t('admin.catalog.archive')}
          danger
          onConfirm={async () => {
            const { data } = await archive({ variables: { input: { id: productId } } });
            const refusal = data?.productArchive.errors[0]?.message;
            if (refusal) return refusal;
            const state: FlashState = { notice: { key: 'admin.catalog.archived', values: { title: initial.title } } };
            void navigate('/products', { state });
            return null;
          }}
        >
          <Text>{t('admin.catalog.archiveConfirm', { title: initial.title })}</Text>
        </ConfirmModal>
      )}
    </>
  );
}

function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <Paper withBorder p="lg" component="section">
      <Stack gap="md">
        <div>
          <Title order={3} size="h4">
            {title}
          </Title>
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
        </div>
        {children}
      </Stack>
    </Paper>
  );
}

/** The first image URL as the shop will show it, or a word that it doesn't load. */
function CoverPreview({ src }: { src: string }) {
  const { t } = useTranslation();
  const [broken, setBroken] = useState(false);
  if (broken) {
    return (
      <Center h={160} bg="gray.0" style={{ borderRadius: 'var(--mantine-radius-sm)' }} data-testid="image-preview-broken">
        <Text size="sm" c="dimmed">
          {t('admin.catalog.fields.imageBroken')}
        </Text>
      </Center>
    );
  }
  return <Image src={src} alt={t('admin.catalog.fields.imagePreview')} h={160} w="100%" fit="contain" radius="sm" bg="gray.0" onError={() => setBroken(true)} data-testid="image-preview" />;
}
