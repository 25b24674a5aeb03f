package org.redwhistle.api.contract.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.oas.models.media.Schema;

/**
 * Every component of a record is in every JSON the server writes (the mapper writes nulls), so the
 * document lists them all as required: the dashboard's generated types then say {@code id: number},
 * not {@code id?: number}. Whether a component may be null the Java type does not say; the types
 * leave that to the reader, as the hand-written ones did.
 */
@Component
class RecordComponentsRequired implements ModelConverter {

    @Override
    @SuppressWarnings({ "rawtypes", "unchecked" })
    public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        Schema schema = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
        Class<?> raw = rawClass(type);
        if (raw == null || !raw.isRecord()) {
            return schema;
        }
        Schema target = schema;
        if (schema != null && schema.get$ref() != null && schema.getProperties() == null) {
            String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
            target = context.getDefinedModels().get(name);
        }
        if (target != null && target.getProperties() != null) {
            List<String> required = new ArrayList<>(target.getProperties().keySet());
            target.setRequired(required);
        }
        return schema;
    }

    private static Class<?> rawClass(AnnotatedType type) {
        if (type.getType() instanceof Class<?> c) {
            return c;
        }
        if (type.getType() instanceof JavaType j) {
            return j.getRawClass();
        }
        try {
            return TypeFactory.defaultInstance().constructType(type.getType()).getRawClass();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
