package io.parley.knowledge.index;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Embeddings as bytes, the way the database and the index store them: little-endian 32-bit floats. */
public final class Vectors {

    private Vectors() {}

    public static byte[] toBytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    public static float[] fromBytes(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }
}
